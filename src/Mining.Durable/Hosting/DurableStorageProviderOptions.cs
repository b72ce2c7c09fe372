namespace Mining.Durable;

/// <summary>host.json <c>extensions:durableTask:storageProvider</c> settings.</summary>
public sealed class DurableStorageProviderOptions
{
    /// <summary><c>partitionCount</c>: number of control queues (1–16). Fixed for the life of a task hub.</summary>
    public int PartitionCount { get; set; } = 4;

    /// <summary><c>controlQueueBatchSize</c>: control messages fetched per receive (1–32).</summary>
    public int ControlQueueBatchSize { get; set; } = 32;

    /// <summary><c>controlQueueVisibilityTimeout</c>: how long a received control message stays invisible.</summary>
    public TimeSpan ControlQueueVisibilityTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary><c>workItemQueueVisibilityTimeout</c>: an activity's lease, renewed at half-time while it runs; after a crash the work item reappears when it expires.</summary>
    public TimeSpan WorkItemQueueVisibilityTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary><c>maxQueuePollingInterval</c>: the longest idle wait between polls; idle waits double from 10 ms up to it.</summary>
    public TimeSpan MaxQueuePollingInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary><c>maxDequeueCount</c>: deliveries of one message after which the engine gives up, fails the instance and calls the failure sink.</summary>
    public int MaxDequeueCount { get; set; } = 5;
}
