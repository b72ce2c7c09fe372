namespace Mining.Durable.Backend;

/// <summary>A storage backend: the instance store, control queues partitioned by instance, the activity queue, and the store
/// of parked (long-delayed) control messages.</summary>
internal interface IDurableBackend
{
    IInstanceStore Instances { get; }

    int PartitionCount { get; }

    IWorkQueue ActivityQueue { get; }

    IParkedMessages ParkedMessages { get; }

    /// <summary>The longest delay a queue accepts; longer timers are re-sent when they come due early.</summary>
    TimeSpan MaxMessageDelay { get; }

    StorageOperationCounter Operations { get; }

    IWorkQueue ControlQueue(int partition);

    Task CreateIfNotExistsAsync(CancellationToken cancellationToken);
}
