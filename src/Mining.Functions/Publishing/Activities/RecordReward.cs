using Mining.Durable;
using Mining.Functions.Learnings;
using Mining.Functions.Rewards;

namespace Mining.Functions.Publishing.Activities;

/// <summary>Makes a confirmed learning's reward claimable and marks the learning rewarded. Idempotent (keyed by learning id).</summary>
internal sealed class RecordReward(RewardLedger ledger, LearningStore learnings) : TaskActivity<ConfirmedLearning, RewardInfo>
{
    public override async Task<RewardInfo> RunAsync(TaskActivityContext context, ConfirmedLearning input)
    {
        var learning = input.Learning;
        var entry = await ledger.MarkClaimableAsync(learning.ContributorId, learning.LearningId, CancellationToken.None);
        var reward = new RewardInfo(entry.Amount, entry.State, entry.Outcome);
        await learnings.UpdateAsync(learning.ContributorId, learning.LearningId,
            r => r with { Status = LearningStatus.Rewarded, Reward = reward, Anchor = input.Anchor }, CancellationToken.None);
        return reward;
    }
}
