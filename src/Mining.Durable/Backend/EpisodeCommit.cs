using Mining.Durable.History;

namespace Mining.Durable.Backend;

/// <summary>Everything one episode writes, committed atomically: the history appended to execution <paramref name="ExecutionId"/>
/// as episode <paramref name="Episode"/>, the new instance row, and the outbox.</summary>
/// <param name="Record">The instance row after the episode.</param>
/// <param name="ExpectedETag">The instance row's version the episode was computed from, or null when it creates the instance.</param>
/// <param name="ExecutionId">The execution the history belongs to.</param>
/// <param name="Episode">The episode number within that execution.</param>
/// <param name="NewHistory">The events appended.</param>
/// <param name="Outbox">The messages to send once committed.</param>
internal sealed record EpisodeCommit(
    InstanceRecord Record,
    string? ExpectedETag,
    string ExecutionId,
    int Episode,
    IReadOnlyList<HistoryEvent> NewHistory,
    IReadOnlyList<WorkMessage> Outbox);
