using Mining.Durable.Backend;
using Mining.Durable.History;

namespace Mining.Durable.InMemory;

/// <summary>Instance rows and history in process memory, with the same ETag and atomic-commit behaviour as the table store.</summary>
internal sealed class InMemoryInstanceStore(StorageOperationCounter counter) : IInstanceStore
{
    private readonly Lock _gate = new();
    private readonly SortedDictionary<string, Entry> _instances = new(StringComparer.Ordinal);
    private long _version;
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task<InstanceSnapshot?> LoadAsync(string instanceId, CancellationToken cancellationToken)
    {
        counter.CountTable();
        lock (_gate)
        {
            if (!_instances.TryGetValue(instanceId, out var entry))
            {
                return Task.FromResult<InstanceSnapshot?>(null);
            }

            var history = entry.Episodes.Where(e => e.ExecutionId == entry.Record.ExecutionId).SelectMany(e => e.Events).ToList();
            var outbox = entry.Record.OutboxPending ? entry.Episodes[^1].Outbox : [];
            return Task.FromResult<InstanceSnapshot?>(new InstanceSnapshot(entry.Record, history, entry.ETag, outbox));
        }
    }

    public Task<string> CommitAsync(EpisodeCommit commit, CancellationToken cancellationToken)
    {
        counter.CountTable();
        lock (_gate)
        {
            var entry = Write(commit.Record, commit.ExpectedETag);
            entry.Episodes.Add(new Episode(commit.ExecutionId, [.. commit.NewHistory], [.. commit.Outbox]));
            return Task.FromResult(entry.ETag);
        }
    }

    public Task<string?> MarkOutboxDispatchedAsync(InstanceRecord record, string etag, CancellationToken cancellationToken)
    {
        counter.CountTable();
        lock (_gate)
        {
            if (!_instances.TryGetValue(record.InstanceId, out var entry) || entry.ETag != etag)
            {
                return Task.FromResult<string?>(null);
            }

            return Task.FromResult<string?>(Write(entry.Record with { OutboxPending = false }, etag).ETag);
        }
    }

    public Task<(InstanceRecord Record, string ETag)?> GetAsync(string instanceId, CancellationToken cancellationToken)
    {
        counter.CountTable();
        lock (_gate)
        {
            return Task.FromResult<(InstanceRecord, string)?>(_instances.TryGetValue(instanceId, out var entry) ? (entry.Record, entry.ETag) : null);
        }
    }

    public Task<string> WriteInstanceAsync(InstanceRecord record, string? expectedETag, CancellationToken cancellationToken)
    {
        counter.CountTable();
        lock (_gate)
        {
            return Task.FromResult(Write(record, expectedETag).ETag);
        }
    }

    public Task<InstancePage> QueryAsync(OrchestrationQuery query, CancellationToken cancellationToken)
    {
        counter.CountTable();
        lock (_gate)
        {
            var after = query.ContinuationToken;
            var matches = _instances.Values
                .Select(e => e.Record)
                .Where(r => after is null || string.CompareOrdinal(r.InstanceId, after) > 0)
                .Where(query.Matches)
                .Take(query.PageSize + 1)
                .ToList();
            var more = matches.Count > query.PageSize;
            var page = matches.Take(query.PageSize).ToList();
            return Task.FromResult(new InstancePage(page, more ? page[^1].InstanceId : null));
        }
    }

    public Task<bool> PurgeAsync(string instanceId, CancellationToken cancellationToken)
    {
        counter.CountTable();
        lock (_gate)
        {
            var removed = _instances.Remove(instanceId);
            Changed();
            return Task.FromResult(removed);
        }
    }

    public Task DeleteExecutionAsync(string instanceId, string executionId, CancellationToken cancellationToken)
    {
        counter.CountTable();
        lock (_gate)
        {
            if (_instances.TryGetValue(instanceId, out var entry))
            {
                entry.Episodes.RemoveAll(e => e.ExecutionId == executionId);
            }
        }

        return Task.CompletedTask;
    }

    public async Task WaitForChangeAsync(TimeSpan maxWait, CancellationToken cancellationToken)
    {
        Task changed;
        lock (_gate)
        {
            changed = _changed.Task;
        }

        await changed.WaitAsync(maxWait, TimeProvider.System, cancellationToken).ContinueWith(static _ => { }, TaskScheduler.Default);
        cancellationToken.ThrowIfCancellationRequested();
    }

    /// <summary>Stored history rows of an instance across all executions (for tests of history size).</summary>
    internal int StoredEventCount(string instanceId)
    {
        lock (_gate)
        {
            return _instances.TryGetValue(instanceId, out var entry) ? entry.Episodes.Sum(e => e.Events.Count) : 0;
        }
    }

    private Entry Write(InstanceRecord record, string? expectedETag)
    {
        _instances.TryGetValue(record.InstanceId, out var entry);
        if (expectedETag is null ? entry is not null : entry is null || entry.ETag != expectedETag)
        {
            throw new ConcurrencyConflictException($"Instance '{record.InstanceId}' was changed by another writer.");
        }

        entry ??= new Entry();
        entry.Record = record;
        entry.ETag = (++_version).ToString(System.Globalization.CultureInfo.InvariantCulture);
        _instances[record.InstanceId] = entry;
        Changed();
        return entry;
    }

    private void Changed()
    {
        var changed = _changed;
        _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        changed.TrySetResult();
    }

    private sealed record Episode(string ExecutionId, List<HistoryEvent> Events, List<WorkMessage> Outbox);

    private sealed class Entry
    {
        public InstanceRecord Record { get; set; } = null!;

        public string ETag { get; set; } = string.Empty;

        public List<Episode> Episodes { get; } = [];
    }
}
