namespace Mining.Durable;

/// <summary>Options for a sub-orchestration: retry and an explicit instance id.</summary>
/// <param name="Retry">The retry policy, or null for a single attempt.</param>
/// <param name="InstanceId">The child's instance id; by default a deterministic id derived from the parent.</param>
public sealed record SubOrchestrationOptions(RetryPolicy? Retry = null, string? InstanceId = null) : TaskOptions(Retry);
