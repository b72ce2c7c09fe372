using Mining.Ethereum;
using Mining.Ipfs.Multiformats;

namespace Mining.Functions.Learnings;

/// <summary>
/// Input of <c>PublishLearning</c>. <c>ResumeFrom</c> is set when the dead letter of an instance the engine gave
/// up on is replayed: the stage to resume at (see <c>PublishStages</c>); <c>Generation</c> is the dead letter's
/// generation the instance runs under (0 until a replay).
/// </summary>
public sealed record PublishInput(string LearningId, string ContributorId, Cid Cid, TimeSpan ApprovalTimeout, string? ResumeFrom = null, int Generation = 0);

/// <summary>Names one learning in activity inputs.</summary>
public sealed record LearningRef(string LearningId, string ContributorId, Cid Cid);

/// <summary>Publish one learning: pin it on every configured target but <paramref name="AlreadyPinned"/> (pinned before a restart or a pause), then verify.</summary>
public sealed record PinRequest(LearningRef Learning, IReadOnlyList<string> AlreadyPinned);

/// <summary>Ends a learning's journey early with a status and reason.</summary>
public sealed record CloseRequest(LearningRef Learning, LearningStatus Status, string Reason);

/// <summary>A verified learning handed over to anchoring (a row of the <c>AnchorQueue</c>, then an item of its batch).</summary>
/// <remarks><c>ReadyAt</c> is when verifying handed it over; the batch window is counted from it.</remarks>
public sealed record ReadyForAnchor(string LearningId, string ContributorId, Cid Cid, DateTime? ReadyAt = null);

/// <summary>
/// Raised to a learning ("Confirmed") once its batch has N confirmations and its reward is recorded; where exactly it
/// is anchored (leaf, proof, block) is in its record.
/// </summary>
public sealed record AnchorNotice(string BatchId, TxHash TransactionHash);

/// <summary>A learning whose batch has its confirmations, with where it was anchored.</summary>
public sealed record ConfirmedLearning(LearningRef Learning, AnchorInfo Anchor);

/// <summary>The custom status of <c>PublishLearning</c>: the stage and what is known so far.</summary>
public sealed record PublishStatus(string Stage, Cid Cid, string? Detail = null);
