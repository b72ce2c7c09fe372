using Mining.Durable;
using Mining.Functions.Learnings;
using Mining.Functions.Rewards;

namespace Mining.Functions.Publishing.Activities;

/// <summary>Makes a confirmed learning's reward claimable and marks the learning rewarded. Idempotent (keyed by learning id).</summary>
internal sealed class RecordReward(RewardLedger ledger, LearningStore learnings) : TaskActivity<LearningRef, RewardInfo>
{
    public override async Task<RewardInfo> RunAsync(TaskActivityContext context, LearningRef input)
    {
        var entry = await ledger.MarkClaimableAsync(input.ContributorId, input.LearningId, CancellationToken.None);
        var reward = new RewardInfo(entry.Amount, entry.State, entry.Outcome);
        await learnings.UpdateAsync(input.ContributorId, input.LearningId, r => r with { Status = LearningStatus.Rewarded, Reward = reward }, CancellationToken.None);
        return reward;
    }
}
