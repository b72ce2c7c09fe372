using Microsoft.DurableTask;
using Mining.Functions.Batches;
using Mining.Functions.Learnings;
using Mining.Functions.Logging;
using Mining.Functions.Rewards;

namespace Mining.Functions.Anchoring;

/// <summary>A batch and what the latest check of its anchor transaction found.</summary>
public sealed record BatchCheck(string BatchId, AnchorCheck Check);

/// <summary>
/// The batch's anchor transaction is mined: every learning in it shows Confirming with its anchor (batch, transaction,
/// block, proof, confirmations so far). Idempotent: the same anchor is written again; a learning already rewarded is left as it is.
/// </summary>
internal sealed class RecordBatchAnchor(BatchStore batches, LearningStore learnings, ILogger<RecordBatchAnchor> logger) : TaskActivity<BatchCheck, int>
{
    public override async Task<int> RunAsync(TaskActivityContext context, BatchCheck input)
    {
        var learningsOfBatch = await BatchLearnings.LoadAsync(batches, input);
        await learnings.UpdateManyAsync(BatchLearnings.Changes(learningsOfBatch,
            anchor => r => r.Status == LearningStatus.Rewarded ? r : r with { Status = LearningStatus.Confirming, Anchor = anchor }), CancellationToken.None);
        Log.AnchorRecorded(logger, input.BatchId, learningsOfBatch.Count, input.Check.TransactionHash, input.Check.BlockNumber);
        return learningsOfBatch.Count;
    }
}

/// <summary>
/// The batch's anchor has its confirmations: the ledger entries of all its learnings are confirmed together
/// (<see cref="RewardLedger.ConfirmBatchAsync"/>) and each learning shows Rewarded. Idempotent: a transition already made changes nothing.
/// </summary>
internal sealed class RecordBatchRewards(BatchStore batches, RewardLedger ledger, LearningStore learnings, ILogger<RecordBatchRewards> logger)
    : TaskActivity<BatchCheck, int>
{
    public override async Task<int> RunAsync(TaskActivityContext context, BatchCheck input)
    {
        var learningsOfBatch = await BatchLearnings.LoadAsync(batches, input);
        var entries = await ledger.ConfirmBatchAsync(
            input.BatchId, learningsOfBatch.Select(l => l.Learning.ContributorId), input.Check.TransactionHash.ToString(), input.Check.BlockNumber, CancellationToken.None);
        await learnings.UpdateManyAsync(
            [.. learningsOfBatch.Where(l => entries.ContainsKey(l.Learning.LearningId)).Select(l =>
                RecordReward.Rewarded(l.Learning, l.Anchor, entries[l.Learning.LearningId]))],
            CancellationToken.None);
        foreach (var (learning, anchor) in learningsOfBatch.Where(l => !entries.ContainsKey(l.Learning.LearningId)))
        {
            await RecordReward.RecordAsync(ledger, learnings, learning, anchor);
        }
        Log.BatchRewarded(logger, input.BatchId, learningsOfBatch.Count);
        return learningsOfBatch.Count;
    }
}

/// <summary>A prepared batch's learnings with their anchors as of a check.</summary>
internal static class BatchLearnings
{
    public static async Task<IReadOnlyList<(LearningRef Learning, AnchorInfo Anchor)>> LoadAsync(BatchStore batches, BatchCheck input)
    {
        var batch = await batches.FindAsync(input.BatchId, CancellationToken.None)
            ?? throw new InvalidOperationException($"Batch {input.BatchId} does not exist.");
        var prepared = batch.Prepared ?? throw new InvalidOperationException($"Batch {input.BatchId} is not prepared.");
        var leaves = prepared.Leaves.ToDictionary(l => l.LearningId);
        return [.. batch.Items.Select(item => (
            new LearningRef(item.LearningId, item.ContributorId, item.Cid),
            AnchorBatch.AnchorOf(prepared, leaves[item.LearningId], input.Check)))];
    }

    /// <summary>The same kind of change for each learning of a batch, given its anchor.</summary>
    public static RecordChange[] Changes(
        IEnumerable<(LearningRef Learning, AnchorInfo Anchor)> items, Func<AnchorInfo, Func<LearningRecord, LearningRecord>> change) =>
        [.. items.Select(item => new RecordChange(item.Learning.ContributorId, item.Learning.LearningId, change(item.Anchor)))];
}
