namespace Mining.Durable;

/// <summary>Which finished instances to purge; only Completed, Failed and Terminated instances are ever purged.</summary>
public sealed record PurgeInstancesFilter(DateTimeOffset? CreatedFrom = null, DateTimeOffset? CreatedTo = null, IReadOnlyCollection<OrchestrationRuntimeStatus>? Statuses = null);
