namespace Mining.Durable;

/// <summary>What an activity knows about the call it serves.</summary>
/// <param name="Name">The activity name.</param>
/// <param name="InstanceId">The orchestration instance that scheduled it.</param>
/// <param name="TaskId">The task's sequence number in that orchestration; with <paramref name="InstanceId"/> it is a stable idempotency key.</param>
/// <param name="DequeueCount">How many times this work item has been delivered (1 on the first attempt).</param>
public sealed record TaskActivityContext(string Name, string InstanceId, int TaskId, int DequeueCount);
