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

/// <summary>Check and pin one learning on every configured target but <paramref name="AlreadyPinned"/> (pinned before a restart).</summary>
public sealed record PinRequest(LearningRef Learning, IReadOnlyList<string> AlreadyPinned);

/// <summary>Verify one learning on these gateways; <paramref name="Quorum"/> must serve matching bytes.</summary>
public sealed record VerifyRequest(LearningRef Learning, IReadOnlyList<string> Gateways, int Quorum);

/// <summary>Ends a learning's journey early with a status and reason.</summary>
public sealed record CloseRequest(LearningRef Learning, LearningStatus Status, string Reason);

/// <summary>A verified learning handed to the batch collector.</summary>
/// <remarks><c>ReadyAt</c> is when the learning's orchestration handed it over (its own clock); the collector counts the window from it.</remarks>
public sealed record ReadyForAnchor(string LearningId, string ContributorId, Cid Cid, DateTime? ReadyAt = null);

/// <summary>Raised to a learning ("Confirmed") once its batch has N confirmations and its reward is recorded.</summary>
public sealed record AnchorNotice(AnchorInfo Anchor);

/// <summary>A learning whose batch has its confirmations, with where it was anchored.</summary>
public sealed record ConfirmedLearning(LearningRef Learning, AnchorInfo Anchor);

/// <summary>The custom status of <c>PublishLearning</c>: the stage and what is known so far.</summary>
public sealed record PublishStatus(string Stage, Cid Cid, string? Detail = null);
