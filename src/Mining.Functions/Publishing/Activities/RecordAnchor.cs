using Mining.Durable;
using Mining.Functions.Hosting;
using Mining.Functions.Learnings;

namespace Mining.Functions.Publishing.Activities;

/// <summary>A learning whose batch's anchoring transaction is mined, with where it was anchored.</summary>
public sealed record AnchoredLearning(LearningRef Learning, AnchorInfo Anchor);

/// <summary>
/// The batch's anchoring transaction is mined: the learning record shows Confirming with the anchor (batch, transaction,
/// block, proof, confirmations so far). Idempotent: the same anchor is written again, and a learning already rewarded
/// is left as it is.
/// </summary>
internal sealed class RecordAnchor(LearningStore learnings, ILogger<RecordAnchor> logger) : TaskActivity<AnchoredLearning, LearningStatus>
{
    public override async Task<LearningStatus> RunAsync(TaskActivityContext context, AnchoredLearning input)
    {
        var learning = input.Learning;
        var record = await learnings.UpdateAsync(learning.ContributorId, learning.LearningId, r => r.Status == LearningStatus.Rewarded
            ? r
            : r with { Status = LearningStatus.Confirming, Anchor = input.Anchor }, CancellationToken.None);
        Log.AnchorRecorded(logger, learning.LearningId, learning.Cid, input.Anchor.BatchId, input.Anchor.TransactionHash, input.Anchor.BlockNumber);
        return record.Status;
    }
}
