namespace Mining.Durable.Backend;

/// <summary>Instance rows and history. Writes use optimistic concurrency on the instance row's ETag.</summary>
internal interface IInstanceStore
{
    Task<InstanceSnapshot?> LoadAsync(string instanceId, CancellationToken cancellationToken);

    /// <summary>Commits an episode atomically; throws <see cref="ConcurrencyConflictException"/> if the row changed.</summary>
    Task<string> CommitAsync(EpisodeCommit commit, CancellationToken cancellationToken);

    /// <summary>Clears the outbox flag after dispatch; returns the new ETag, or null if the row changed meanwhile.</summary>
    Task<string?> MarkOutboxDispatchedAsync(InstanceRecord record, string etag, CancellationToken cancellationToken);

    Task<(InstanceRecord Record, string ETag)?> GetAsync(string instanceId, CancellationToken cancellationToken);

    /// <summary>Inserts (<paramref name="expectedETag"/> null) or replaces the instance row; throws <see cref="ConcurrencyConflictException"/>.</summary>
    Task<string> WriteInstanceAsync(InstanceRecord record, string? expectedETag, CancellationToken cancellationToken);

    Task<InstancePage> QueryAsync(OrchestrationQuery query, CancellationToken cancellationToken);

    /// <summary>Deletes the instance row, all its history and payloads.</summary>
    Task<bool> PurgeAsync(string instanceId, CancellationToken cancellationToken);

    /// <summary>Deletes the history of an execution that is no longer current.</summary>
    Task DeleteExecutionAsync(string instanceId, string executionId, CancellationToken cancellationToken);

    /// <summary>Completes after something changed or <paramref name="maxWait"/> passed, whichever is first.</summary>
    Task WaitForChangeAsync(TimeSpan maxWait, CancellationToken cancellationToken);
}

internal sealed record InstancePage(IReadOnlyList<InstanceRecord> Records, string? ContinuationToken);
