using Mining.Ipfs.Multiformats;

namespace Mining.Functions.DeadLetters;

/// <summary>What failed.</summary>
public enum DeadLetterKind
{
    /// <summary>A step of one learning's <c>PublishLearning</c> failed after its retries; the orchestration waits for the operator.</summary>
    Learning,

    /// <summary>A step of an <c>AnchorBatch</c> failed after its retries; the batch waits for the operator, its learnings show DeadLettered.</summary>
    Batch,

    /// <summary>The engine gave up on a message and failed the instance; a replay starts it again from the stage it had reached.</summary>
    Engine,
}

/// <summary>Where a dead letter is in the operator's hands.</summary>
public enum DeadLetterState
{
    /// <summary>Waiting for the operator.</summary>
    Open,

    /// <summary>The operator replayed it; the failed stage runs again (a new failure opens it again with the next generation).</summary>
    Replayed,

    /// <summary>The operator deleted it with a reason; the learnings ended as Failed. Final.</summary>
    Deleted,
}

/// <summary>One learning a dead letter holds up.</summary>
public sealed record DeadLetterLearning(string LearningId, string ContributorId, Cid Cid);

/// <summary>
/// A failure the operator must decide on, with everything needed to retry it. The id is deterministic
/// (<c>dl_</c> + the instance id: the learning id or the batch id), so recording the same failure twice finds the same record.
/// </summary>
public sealed record DeadLetterRecord
{
    public required string Id { get; init; }

    public required DeadLetterKind Kind { get; init; }

    /// <summary>The orchestration instance that failed (the learning id, or the batch id).</summary>
    public required string InstanceId { get; init; }

    /// <summary>The orchestration's name (PublishLearning, AnchorBatch, ...).</summary>
    public required string Orchestration { get; init; }

    /// <summary>The learning, for a Learning dead letter or an Engine one of a learning's instance.</summary>
    public string? LearningId { get; init; }

    /// <summary>The batch, for a Batch dead letter.</summary>
    public string? BatchId { get; init; }

    public string? ContributorId { get; init; }

    public Cid? Cid { get; init; }

    /// <summary>Every learning this dead letter holds up (one for a learning, all of a batch's).</summary>
    public IReadOnlyList<DeadLetterLearning> Learnings { get; init; } = [];

    /// <summary>The stage that failed: Pinning (with the check before it), Verifying, Anchoring or Rewarding (Approval for an engine give-up before it).</summary>
    public required string Stage { get; init; }

    /// <summary>The last error, as the failed step reported it.</summary>
    public required string Error { get; init; }

    /// <summary>Attempts made before giving up (the activity retry budget, or the engine's deliveries).</summary>
    public int Attempts { get; init; }

    public required DateTimeOffset FailedAt { get; init; }

    public required DeadLetterState State { get; init; }

    /// <summary>0 for the first failure; +1 per replay. Alerts are sent once per record and generation.</summary>
    public int Generation { get; init; }

    public DateTimeOffset? ReplayedAt { get; init; }

    public DateTimeOffset? DeletedAt { get; init; }

    public string? DeleteReason { get; init; }

    /// <summary>The engine message given up on (Engine only): the same give-up reported again changes nothing.</summary>
    public string? MessageId { get; init; }

    /// <summary>The failed instance's input as JSON (Engine only): the replay starts the orchestration again with it.</summary>
    public string? Input { get; init; }

    public static string IdFor(string instanceId) => "dl_" + instanceId;
}

/// <summary>One entry of a dead letter's audit trail (Created, Reopened, Alerted, Replayed, Deleted); never removed.</summary>
public sealed record DeadLetterAuditEntry(string Action, int Generation, DateTimeOffset At, string? Detail);

/// <summary>
/// A failure to record: what <c>RecordDeadLetter</c> and the engine's failure sink hand to <see cref="DeadLetterService"/>.
/// <c>Generation</c> is the generation the failing orchestration runs under (0 until the first replay).
/// </summary>
public sealed record DeadLetterFailure(
    DeadLetterKind Kind,
    string InstanceId,
    string Orchestration,
    IReadOnlyList<DeadLetterLearning> Learnings,
    string Stage,
    string Error,
    int Attempts,
    int Generation,
    string? BatchId = null,
    string? MessageId = null,
    string? Input = null);
