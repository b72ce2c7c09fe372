using Mining.Durable.Backend;

namespace Mining.Durable.InMemory;

/// <summary>A backend in process memory for fast tests: same queue and commit semantics as Azure Storage, on a
/// <see cref="TimeProvider"/> that tests may fake. Nothing survives the process.</summary>
internal sealed class InMemoryBackend : IDurableBackend
{
    private readonly InMemoryQueue[] _control;

    public InMemoryBackend(int partitionCount, TimeProvider time, TimeSpan? maxMessageDelay = null)
    {
        PartitionCount = partitionCount;
        MaxMessageDelay = maxMessageDelay ?? TimeSpan.FromDays(7) - TimeSpan.FromMinutes(1);
        Store = new InMemoryInstanceStore(Operations);
        _control = Enumerable.Range(0, partitionCount).Select(p => new InMemoryQueue($"control-{p:D2}", time, Operations)).ToArray();
        Activities = new InMemoryQueue("workitems", time, Operations);
        Parked = new InMemoryParkedMessages(Operations);
    }

    public InMemoryInstanceStore Store { get; }

    public InMemoryQueue Activities { get; }

    public InMemoryParkedMessages Parked { get; }

    public IEnumerable<InMemoryQueue> AllQueues => _control.Append(Activities);

    public IInstanceStore Instances => Store;

    public int PartitionCount { get; }

    public IWorkQueue ActivityQueue => Activities;

    public IParkedMessages ParkedMessages => Parked;

    public TimeSpan MaxMessageDelay { get; }

    public StorageOperationCounter Operations { get; } = new();

    public IWorkQueue ControlQueue(int partition) => _control[partition];

    public Task CreateIfNotExistsAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
