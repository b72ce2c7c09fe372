namespace Mining.Durable.Backend;

/// <summary>The stored state of an instance: one row per instance, rewritten by every episode.</summary>
internal sealed record InstanceRecord
{
    public required string InstanceId { get; init; }

    public required string Name { get; init; }

    public required string ExecutionId { get; init; }

    public OrchestrationRuntimeStatus Status { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset LastUpdatedAt { get; init; }

    public string? Input { get; init; }

    public string? Output { get; init; }

    public string? CustomStatus { get; init; }

    public TaskFailureDetails? Failure { get; init; }

    /// <summary>How many episodes of the current execution are committed.</summary>
    public int Episode { get; init; }

    /// <summary>True between the commit of an episode and the dispatch of its outbox.</summary>
    public bool OutboxPending { get; init; }

    public bool IsTerminal => Status is OrchestrationRuntimeStatus.Completed or OrchestrationRuntimeStatus.Failed or OrchestrationRuntimeStatus.Terminated;
}
