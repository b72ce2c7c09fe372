using Mining.Durable.Backend;

namespace Mining.Durable.TestWorker;

/// <summary>The real backend with a store that crashes the process after a given commit.</summary>
internal sealed class CrashingBackend(IDurableBackend inner, int crashAfter) : IDurableBackend
{
    public IInstanceStore Instances { get; } = new CrashAfterCommitStore(inner.Instances, crashAfter);

    public int PartitionCount => inner.PartitionCount;

    public IWorkQueue ActivityQueue => inner.ActivityQueue;

    public IParkedMessages ParkedMessages => inner.ParkedMessages;

    public TimeSpan MaxMessageDelay => inner.MaxMessageDelay;

    public StorageOperationCounter Operations => inner.Operations;

    public IWorkQueue ControlQueue(int partition) => inner.ControlQueue(partition);

    public Task CreateIfNotExistsAsync(CancellationToken cancellationToken) => inner.CreateIfNotExistsAsync(cancellationToken);
}
