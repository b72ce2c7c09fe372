using Mining.Durable.Backend;
using Mining.Durable.History;
using Mining.Durable.Worker;

namespace Mining.Durable;

/// <summary>Starts, queries, signals and manages orchestration instances of one task hub.</summary>
/// <remarks>Operations that signal an instance (raise, terminate, suspend, resume) enqueue a message and return; the
/// instance applies it at its next episode. Use the wait methods to observe the effect.</remarks>
public sealed class DurableTaskClient
{
    private static readonly TimeSpan MaxPollInterval = TimeSpan.FromSeconds(1);
    private readonly IDurableBackend _backend;
    private readonly MessageDispatcher _dispatcher;
    private readonly DataConverter _converter;
    private readonly TimeProvider _time;
    private readonly InstanceCache? _cache;

    /// <remarks>Given the worker's cache (a worker runs in this process), the client puts an instance it starts in it, so
    /// the first episode need not load what the client just wrote, and takes an instance found in it as existing.</remarks>
    internal DurableTaskClient(IDurableBackend backend, DataConverter converter, TimeProvider time, InstanceCache? cache = null)
    {
        _backend = backend;
        _converter = converter;
        _time = time;
        _cache = cache;
        // The client sends no durable timers, so it parks nothing.
        _dispatcher = new MessageDispatcher(backend, time, TimeSpan.Zero);
    }

    /// <summary>Storage calls made through this client's backend (shared with the worker in the same process).</summary>
    public StorageOperationCounter StorageOperations => _backend.Operations;

    /// <summary>Schedules a new instance and returns its id.</summary>
    /// <exception cref="OrchestrationAlreadyExistsException">The id is pending, running or suspended and <see cref="StartOrchestrationOptions.ReturnExistingIfRunning"/> is false.</exception>
    public async Task<string> ScheduleNewOrchestrationInstanceAsync(string orchestratorName, object? input = null, StartOrchestrationOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(orchestratorName);
        var instanceId = options?.InstanceId ?? Guid.NewGuid().ToString("N");
        InstanceIds.Validate(instanceId);
        await _backend.CreateIfNotExistsAsync(cancellationToken);
        var existing = await _backend.Instances.GetAsync(instanceId, cancellationToken);
        if (existing is { Record.IsTerminal: false } running)
        {
            if (options?.ReturnExistingIfRunning != true)
            {
                throw new OrchestrationAlreadyExistsException(
                    $"Orchestration instance '{instanceId}' is already {running.Record.Status}; wait for it to finish, terminate it, or start with ReturnExistingIfRunning.");
            }

            if (running.Record.Status == OrchestrationRuntimeStatus.Pending)
            {
                await SendStartAsync(running.Record, options.StartAt, cancellationToken);
            }

            return instanceId;
        }

        var record = NewRecord(orchestratorName, instanceId, input);
        try
        {
            Started(record, await _backend.Instances.WriteInstanceAsync(record, existing?.ETag, cancellationToken));
        }
        catch (ConcurrencyConflictException ex)
        {
            throw new OrchestrationAlreadyExistsException($"Orchestration instance '{instanceId}' was started concurrently by another client.", ex);
        }

        await SendStartAsync(record, options?.StartAt, cancellationToken);
        return instanceId;
    }

    /// <summary>
    /// Starts an instance with this id unless one exists, pending, running or finished: a no-op the second time, for
    /// starts that must happen once (a singleton, an instance per stored item). Returns whether this call created it.
    /// </summary>
    /// <remarks>One storage call when the id is new (the instance row is added, which fails if it exists), two more when
    /// it exists: an instance still pending (its start message possibly lost) gets its start message again.</remarks>
    public async Task<bool> StartIfAbsentAsync(string orchestratorName, string instanceId, object? input = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(orchestratorName);
        InstanceIds.Validate(instanceId);
        await _backend.CreateIfNotExistsAsync(cancellationToken);
        var record = NewRecord(orchestratorName, instanceId, input);
        try
        {
            Started(record, await _backend.Instances.WriteInstanceAsync(record, null, cancellationToken));
        }
        catch (ConcurrencyConflictException)
        {
            if (await _backend.Instances.GetAsync(instanceId, cancellationToken) is { Record.Status: OrchestrationRuntimeStatus.Pending } pending)
            {
                await SendStartAsync(pending.Record, null, cancellationToken);
            }

            return false;
        }

        await SendStartAsync(record, null, cancellationToken);
        return true;
    }

    /// <summary>Raises an event; if the instance is not waiting for it yet, it is buffered until it does.</summary>
    /// <exception cref="OrchestrationNotFoundException">No such instance.</exception>
    public async Task RaiseEventAsync(string instanceId, string eventName, object? eventPayload = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(eventName);
        await RequireAsync(instanceId, cancellationToken);
        await _dispatcher.SendAsync(WorkMessage.Control(instanceId, null, new EventRaised(eventName, _converter.Serialize(eventPayload))), cancellationToken);
    }

    public async Task TerminateInstanceAsync(string instanceId, string? reason = null, CancellationToken cancellationToken = default)
    {
        await RequireAsync(instanceId, cancellationToken);
        await _dispatcher.SendAsync(WorkMessage.Control(instanceId, null, new ExecutionTerminated(reason)), cancellationToken);
    }

    /// <summary>Suspends an instance: it makes no progress and buffers what arrives until <see cref="ResumeInstanceAsync"/>.</summary>
    public async Task SuspendInstanceAsync(string instanceId, string? reason = null, CancellationToken cancellationToken = default)
    {
        await RequireAsync(instanceId, cancellationToken);
        await _dispatcher.SendAsync(WorkMessage.Control(instanceId, null, new ExecutionSuspended(reason)), cancellationToken);
    }

    public async Task ResumeInstanceAsync(string instanceId, string? reason = null, CancellationToken cancellationToken = default)
    {
        await RequireAsync(instanceId, cancellationToken);
        await _dispatcher.SendAsync(WorkMessage.Control(instanceId, null, new ExecutionResumed(reason)), cancellationToken);
    }

    public async Task<OrchestrationMetadata?> GetInstanceAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellationToken = default)
    {
        var found = await _backend.Instances.GetAsync(instanceId, cancellationToken);
        return found is null ? null : ToMetadata(found.Value.Record, getInputsAndOutputs);
    }

    public async Task<OrchestrationQueryResult> QueryInstancesAsync(OrchestrationQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentOutOfRangeException.ThrowIfLessThan(query.PageSize, 1);
        var page = await _backend.Instances.QueryAsync(query, cancellationToken);
        return new OrchestrationQueryResult(page.Records.Select(r => ToMetadata(r, query.FetchInputsAndOutputs)).ToList(), page.ContinuationToken);
    }

    /// <summary>All instances matching <paramref name="query"/>, page after page.</summary>
    public async IAsyncEnumerable<OrchestrationMetadata> GetAllInstancesAsync(OrchestrationQuery? query = null, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        query ??= new OrchestrationQuery();
        do
        {
            var page = await QueryInstancesAsync(query, cancellationToken);
            foreach (var instance in page.Instances)
            {
                yield return instance;
            }

            query = query with { ContinuationToken = page.ContinuationToken };
        }
        while (query.ContinuationToken is not null);
    }

    public Task<OrchestrationMetadata> WaitForInstanceStartAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellationToken = default) =>
        WaitForAsync(instanceId, getInputsAndOutputs, m => m.RuntimeStatus != OrchestrationRuntimeStatus.Pending, cancellationToken);

    public Task<OrchestrationMetadata> WaitForInstanceCompletionAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellationToken = default) =>
        WaitForAsync(instanceId, getInputsAndOutputs, m => m.IsCompleted, cancellationToken);

    /// <summary>Deletes a finished instance with its history; running instances are not purged.</summary>
    public async Task<PurgeResult> PurgeInstanceAsync(string instanceId, CancellationToken cancellationToken = default)
    {
        var found = await _backend.Instances.GetAsync(instanceId, cancellationToken);
        if (found is not { Record.IsTerminal: true })
        {
            return new PurgeResult(0);
        }

        _cache?.Remove(instanceId);
        return new PurgeResult(await _backend.Instances.PurgeAsync(instanceId, cancellationToken) ? 1 : 0);
    }

    /// <summary>Deletes every finished instance matching <paramref name="filter"/>.</summary>
    public async Task<PurgeResult> PurgeAllInstancesAsync(PurgeInstancesFilter filter, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var terminal = new[] { OrchestrationRuntimeStatus.Completed, OrchestrationRuntimeStatus.Failed, OrchestrationRuntimeStatus.Terminated };
        var statuses = filter.Statuses is { Count: > 0 } ? terminal.Intersect(filter.Statuses).ToList() : [.. terminal];
        var query = new OrchestrationQuery { CreatedFrom = filter.CreatedFrom, CreatedTo = filter.CreatedTo, Statuses = statuses, PageSize = 500 };
        var ids = new List<string>();
        await foreach (var instance in GetAllInstancesAsync(query, cancellationToken))
        {
            ids.Add(instance.InstanceId);
        }

        var purged = 0;
        foreach (var id in ids)
        {
            purged += (await PurgeInstanceAsync(id, cancellationToken)).PurgedInstanceCount;
        }

        return new PurgeResult(purged);
    }

    private async Task<OrchestrationMetadata> WaitForAsync(string instanceId, bool getInputsAndOutputs, Func<OrchestrationMetadata, bool> done, CancellationToken cancellationToken)
    {
        var interval = TimeSpan.FromMilliseconds(10);
        while (true)
        {
            var metadata = await GetInstanceAsync(instanceId, getInputsAndOutputs, cancellationToken)
                ?? throw new OrchestrationNotFoundException($"Orchestration instance '{instanceId}' does not exist.");
            if (done(metadata))
            {
                return metadata;
            }

            await _backend.Instances.WaitForChangeAsync(interval, cancellationToken);
            interval = TimeSpan.FromTicks(Math.Min(interval.Ticks * 2, MaxPollInterval.Ticks));
        }
    }

    /// <summary>
    /// Throws unless the instance exists. One read, none when the worker in this process has it cached (an instance
    /// purged by another process meanwhile then gets the message anyway, and the worker drops it, as it drops any
    /// message for an instance that is gone).
    /// </summary>
    private async Task RequireAsync(string instanceId, CancellationToken cancellationToken)
    {
        if (_cache?.Get(instanceId) is not null)
        {
            return;
        }

        if (await _backend.Instances.GetAsync(instanceId, cancellationToken) is null)
        {
            throw new OrchestrationNotFoundException($"Orchestration instance '{instanceId}' does not exist (never started, or purged).");
        }
    }

    /// <summary>A new execution's instance row is written: its history is empty, so the worker here need not load it.</summary>
    private void Started(InstanceRecord record, string etag) => _cache?.Set(new InstanceSnapshot(record, [], etag, []));

    private InstanceRecord NewRecord(string orchestratorName, string instanceId, object? input)
    {
        var now = _time.GetUtcNow();
        return new InstanceRecord
        {
            InstanceId = instanceId,
            Name = orchestratorName,
            ExecutionId = Guid.NewGuid().ToString("N"),
            Status = OrchestrationRuntimeStatus.Pending,
            CreatedAt = now,
            LastUpdatedAt = now,
            Input = _converter.Serialize(input),
        };
    }

    private Task SendStartAsync(InstanceRecord record, DateTimeOffset? startAt, CancellationToken cancellationToken) =>
        _dispatcher.SendAsync(WorkMessage.Control(record.InstanceId, null, new ExecutionStarted(record.Name, record.ExecutionId, record.Input, null), startAt), cancellationToken);

    private OrchestrationMetadata ToMetadata(InstanceRecord record, bool withPayloads) => new(record.Name, record.InstanceId)
    {
        RuntimeStatus = record.Status,
        CreatedAt = record.CreatedAt,
        LastUpdatedAt = record.LastUpdatedAt,
        SerializedInput = withPayloads ? record.Input : null,
        SerializedOutput = withPayloads ? record.Output : null,
        SerializedCustomStatus = record.CustomStatus,
        FailureDetails = record.Failure,
        Converter = _converter,
    };
}
