using Mining.Durable.Backend;
using Mining.Durable.History;

namespace Mining.Durable.InMemory;

/// <summary>An in-process queue with the visibility semantics of an Azure queue, on a <see cref="TimeProvider"/> (so tests can fake time).</summary>
internal sealed class InMemoryQueue(string name, TimeProvider time, StorageOperationCounter counter) : IWorkQueue
{
    private readonly Lock _gate = new();
    private readonly List<Entry> _entries = [];
    private TaskCompletionSource _arrived = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private int _sent;

    public string Name { get; } = name;

    /// <summary>Messages not yet deleted, visible or not.</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _entries.Count;
            }
        }
    }

    /// <summary>Messages visible now.</summary>
    public int VisibleCount
    {
        get
        {
            var now = time.GetUtcNow();
            lock (_gate)
            {
                return _entries.Count(e => e.VisibleAt <= now);
            }
        }
    }

    /// <summary>True when no message is visible and none is held by a worker: nothing can happen until time passes.</summary>
    public bool IsQuiet
    {
        get
        {
            var now = time.GetUtcNow();
            lock (_gate)
            {
                return !_entries.Any(e => e.VisibleAt <= now || e.Leased);
            }
        }
    }

    public DateTimeOffset? NextVisibleAt
    {
        get
        {
            lock (_gate)
            {
                return _entries.Count == 0 ? null : _entries.Min(e => e.VisibleAt);
            }
        }
    }

    /// <summary>How many messages were ever sent to this queue.</summary>
    public int SentCount => Volatile.Read(ref _sent);

    public Task SendAsync(WorkMessage message, TimeSpan delay, CancellationToken cancellationToken)
    {
        counter.CountQueue();
        Interlocked.Increment(ref _sent);
        var json = EnvelopeJson.Serialize(message);
        TaskCompletionSource arrived;
        lock (_gate)
        {
            _entries.Add(new Entry(Guid.NewGuid().ToString("N"), json) { VisibleAt = time.GetUtcNow() + delay });
            arrived = _arrived;
            _arrived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        arrived.TrySetResult();
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<ReceivedMessage>> ReceiveAsync(int maxMessages, TimeSpan visibilityTimeout, CancellationToken cancellationToken)
    {
        counter.CountQueue();
        var now = time.GetUtcNow();
        var result = new List<ReceivedMessage>();
        lock (_gate)
        {
            foreach (var entry in _entries.Where(e => e.VisibleAt <= now).OrderBy(e => e.VisibleAt).Take(maxMessages).ToList())
            {
                entry.VisibleAt = now + visibilityTimeout;
                entry.DequeueCount++;
                entry.Leased = true;
                entry.Receipt = Guid.NewGuid().ToString("N");
                result.Add(new ReceivedMessage(EnvelopeJson.Deserialize<WorkMessage>(entry.Json), entry.Id, entry.Receipt, entry.DequeueCount, null));
            }
        }

        return Task.FromResult<IReadOnlyList<ReceivedMessage>>(result);
    }

    public Task DeleteAsync(ReceivedMessage message, CancellationToken cancellationToken)
    {
        counter.CountQueue();
        lock (_gate)
        {
            _entries.RemoveAll(e => e.Id == message.QueueMessageId && e.Receipt == message.Receipt);
        }

        return Task.CompletedTask;
    }

    public Task<ReceivedMessage> RenewAsync(ReceivedMessage message, TimeSpan visibilityTimeout, CancellationToken cancellationToken)
    {
        counter.CountQueue();
        lock (_gate)
        {
            var entry = _entries.Find(e => e.Id == message.QueueMessageId && e.Receipt == message.Receipt)
                ?? throw new InvalidOperationException($"Message {message.QueueMessageId} in queue '{Name}' was deleted or its lease was lost.");
            entry.VisibleAt = time.GetUtcNow() + visibilityTimeout;
            entry.Receipt = Guid.NewGuid().ToString("N");
            return Task.FromResult(message with { Receipt = entry.Receipt });
        }
    }

    public Task AbandonAsync(ReceivedMessage message, TimeSpan delay, CancellationToken cancellationToken)
    {
        counter.CountQueue();
        TaskCompletionSource arrived;
        lock (_gate)
        {
            var entry = _entries.Find(e => e.Id == message.QueueMessageId && e.Receipt == message.Receipt);
            if (entry is not null)
            {
                entry.VisibleAt = time.GetUtcNow() + delay;
                entry.Leased = false;
            }

            arrived = _arrived;
            _arrived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        arrived.TrySetResult();
        return Task.CompletedTask;
    }

    public Task Arrival
    {
        get
        {
            lock (_gate)
            {
                return _arrived.Task;
            }
        }
    }

    private sealed class Entry(string id, string json)
    {
        public string Id { get; } = id;

        public string Json { get; } = json;

        public DateTimeOffset VisibleAt { get; set; }

        public int DequeueCount { get; set; }

        public bool Leased { get; set; }

        public string Receipt { get; set; } = string.Empty;
    }
}
