namespace Mining.Functions.Learnings;

/// <summary>Where a learning is on its way from submission to reward.</summary>
public enum LearningStatus
{
    /// <summary>Prepared, scanned and content-addressed, but kept inside the service (uploads off or local-only mode).</summary>
    LocalOnly,

    /// <summary>Prepared and content-addressed; waiting for the contributor's decision.</summary>
    AwaitingApproval,

    /// <summary>The contributor approved the exact bytes; publishing has begun.</summary>
    Approved,

    Pinning,
    Verifying,
    Anchoring,
    Confirming,

    /// <summary>Anchored, confirmed and rewarded: the end of the journey.</summary>
    Rewarded,

    /// <summary>The contributor rejected it; nothing was published.</summary>
    Rejected,

    /// <summary>No decision before the approval timeout; nothing was published.</summary>
    Expired,

    /// <summary>A step failed for good; nothing after that step happened.</summary>
    Failed,

    /// <summary>
    /// A step failed after its retries (or the engine gave up on the learning): a dead letter keeps what is needed to
    /// retry it; the operator replays it (from the failed stage) or deletes it (the learning then ends as Failed).
    /// </summary>
    DeadLettered,

    /// <summary>
    /// Verified on the gateways and handed to the anchor collector: waiting for its batch to close (at
    /// <see cref="LearningRecord.BatchClosesAt"/> at the latest, or sooner when the batch fills). Shown by the API and the
    /// pages while the stored record still says Verifying; never stored. Last in the enum so the stored values keep theirs.
    /// </summary>
    WaitingForBatch,
}
