using Mining.Durable.History;

namespace Mining.Durable.Backend;

/// <summary>An instance as loaded for an episode: its row, the current execution's history, and any undispatched outbox.</summary>
internal sealed record InstanceSnapshot(InstanceRecord Record, IReadOnlyList<HistoryEvent> History, string ETag, IReadOnlyList<WorkMessage> PendingOutbox);
