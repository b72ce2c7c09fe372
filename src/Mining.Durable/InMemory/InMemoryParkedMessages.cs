using Mining.Durable.Backend;
using Mining.Durable.History;

namespace Mining.Durable.InMemory;

/// <summary>Parked messages in process memory, keyed by message id like the table store; each call counts as one table operation.</summary>
internal sealed class InMemoryParkedMessages(StorageOperationCounter counter) : IParkedMessages
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, WorkMessage> _messages = new(StringComparer.Ordinal);
    private int _parked;

    /// <summary>How many times a message was parked (parking one again counts again).</summary>
    public int ParkCount => Volatile.Read(ref _parked);

    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _messages.Count;
            }
        }
    }

    /// <summary>The earliest due time of a parked message, or null when none is parked.</summary>
    public DateTimeOffset? NextDueAt
    {
        get
        {
            lock (_gate)
            {
                return _messages.Count == 0 ? null : _messages.Values.Min(m => m.NotBefore);
            }
        }
    }

    public Task<bool> ParkAsync(WorkMessage message, CancellationToken cancellationToken)
    {
        if (message.NotBefore is null)
        {
            throw new ArgumentException($"Message {message.Id} has no due time to park it until.", nameof(message));
        }

        counter.CountTable();
        Interlocked.Increment(ref _parked);
        lock (_gate)
        {
            _messages[message.Id] = message;
        }

        return Task.FromResult(true);
    }

    public Task<IReadOnlyList<WorkMessage>> ReadDueAsync(DateTimeOffset dueBy, int max, CancellationToken cancellationToken)
    {
        counter.CountTable();
        lock (_gate)
        {
            return Task.FromResult<IReadOnlyList<WorkMessage>>(
                [.. _messages.Values.Where(m => m.NotBefore <= dueBy).OrderBy(m => m.NotBefore).ThenBy(m => m.Id, StringComparer.Ordinal).Take(max)]);
        }
    }

    public Task RemoveAsync(IReadOnlyList<WorkMessage> messages, CancellationToken cancellationToken)
    {
        if (messages.Count == 0)
        {
            return Task.CompletedTask;
        }

        counter.CountTable();
        lock (_gate)
        {
            foreach (var message in messages)
            {
                _messages.Remove(message.Id);
            }
        }

        return Task.CompletedTask;
    }
}
