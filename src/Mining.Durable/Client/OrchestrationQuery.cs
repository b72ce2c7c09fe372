namespace Mining.Durable;

/// <summary>A filter over instances; results come in pages ordered by instance id.</summary>
public sealed record OrchestrationQuery
{
    public DateTimeOffset? CreatedFrom { get; init; }

    public DateTimeOffset? CreatedTo { get; init; }

    public IReadOnlyCollection<OrchestrationRuntimeStatus>? Statuses { get; init; }

    public string? InstanceIdPrefix { get; init; }

    public int PageSize { get; init; } = 100;

    public string? ContinuationToken { get; init; }

    public bool FetchInputsAndOutputs { get; init; }

    internal bool Matches(Backend.InstanceRecord record) =>
        (CreatedFrom is null || record.CreatedAt >= CreatedFrom)
        && (CreatedTo is null || record.CreatedAt <= CreatedTo)
        && (Statuses is null || Statuses.Count == 0 || Statuses.Contains(record.Status))
        && (InstanceIdPrefix is null || record.InstanceId.StartsWith(InstanceIdPrefix, StringComparison.Ordinal));
}
