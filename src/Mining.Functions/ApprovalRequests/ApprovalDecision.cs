using Mining.Ipfs.Multiformats;

namespace Mining.Functions.ApprovalRequests;

/// <summary>The contributor's decision, raised to the learning's orchestration as the "Approval" event.</summary>
/// <param name="Approved">True to publish, false to reject.</param>
/// <param name="Cid">The CID the contributor saw; the orchestration publishes nothing else.</param>
/// <param name="DecidedAt">When the decision was stored.</param>
/// <param name="Channel">Where it was made ("page" or "api").</param>
public sealed record ApprovalDecision(bool Approved, Cid Cid, DateTimeOffset DecidedAt, string Channel);
