using Mining.Durable;
using Mining.Functions.Learnings;
using Mining.Functions.Rewards;

namespace Mining.Functions.Publishing.Activities;

/// <summary>
/// A confirmed learning's ledger entry becomes confirmed (with the anchor transaction) and claimable, and the learning
/// is marked rewarded. Idempotent (keyed by learning id; a transition already made changes nothing).
/// </summary>
internal sealed class RecordReward(RewardLedger ledger, LearningStore learnings) : TaskActivity<ConfirmedLearning, RewardInfo>
{
    public override async Task<RewardInfo> RunAsync(TaskActivityContext context, ConfirmedLearning input)
    {
        var learning = input.Learning;
        var entry = await ledger.ConfirmAsync(
            learning.ContributorId, learning.LearningId, input.Anchor.TransactionHash!, input.Anchor.BlockNumber, CancellationToken.None);
        var reward = new RewardInfo(entry.Amount, entry.State, entry.Outcome);
        await learnings.UpdateAsync(learning.ContributorId, learning.LearningId,
            r => r with { Status = LearningStatus.Rewarded, Reward = reward, Anchor = input.Anchor }, CancellationToken.None);
        return reward;
    }
}
