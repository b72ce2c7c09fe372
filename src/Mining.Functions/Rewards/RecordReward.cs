using Microsoft.DurableTask;
using Mining.Functions.Learnings;

namespace Mining.Functions.Rewards;

/// <summary>
/// A confirmed learning's ledger entry becomes confirmed (with the anchor transaction) and claimable, and the learning
/// is marked rewarded. Its batch does this for all its learnings (<c>RecordBatchRewards</c>); this activity is for
/// a learning restarted after its batch was confirmed. Idempotent (keyed by learning id; a transition already made changes nothing).
/// </summary>
internal sealed class RecordReward(RewardLedger ledger, LearningStore learnings) : TaskActivity<ConfirmedLearning, RewardInfo>
{
    public override Task<RewardInfo> RunAsync(TaskActivityContext context, ConfirmedLearning input) =>
        RecordAsync(ledger, learnings, input.Learning, input.Anchor);

    public static async Task<RewardInfo> RecordAsync(RewardLedger ledger, LearningStore learnings, LearningRef learning, AnchorInfo anchor) =>
        await MarkRewardedAsync(learnings, learning, anchor, await ledger.ConfirmAsync(
            learning.ContributorId, learning.LearningId, anchor.TransactionHash!.Value.ToString(), anchor.BlockNumber, CancellationToken.None));

    /// <summary>The learning record shows Rewarded with its confirmed ledger entry.</summary>
    private static async Task<RewardInfo> MarkRewardedAsync(LearningStore learnings, LearningRef learning, AnchorInfo anchor, RewardEntry entry)
    {
        var change = Rewarded(learning, anchor, entry);
        await learnings.UpdateAsync(change.ContributorId, change.Id, change.Change, CancellationToken.None);
        return RewardOf(entry);
    }

    /// <summary>The change that makes the learning's record show Rewarded with its confirmed ledger entry.</summary>
    public static RecordChange Rewarded(LearningRef learning, AnchorInfo anchor, RewardEntry entry)
    {
        var reward = RewardOf(entry);
        return new RecordChange(learning.ContributorId, learning.LearningId, r => r with { Status = LearningStatus.Rewarded, Reward = reward, Anchor = anchor });
    }

    private static RewardInfo RewardOf(RewardEntry entry) => new(entry.Amount, entry.State, entry.Outcome);
}
