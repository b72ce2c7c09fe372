using Mining.Functions.Rewards;


namespace Mining.Functions.Tests.Rewards;

/// <summary>Ledger states only move forward, and the claim watcher's settings are checked at start-up.</summary>
public sealed class RewardStatesTests
{
    [Theory]
    [InlineData(RewardStates.Pending, RewardStates.Confirmed, RewardStates.Confirmed)]
    [InlineData(RewardStates.Confirmed, RewardStates.Claimable, RewardStates.Claimable)]
    [InlineData(RewardStates.Claimable, RewardStates.Claimed, RewardStates.Claimed)]
    [InlineData(RewardStates.Claimed, RewardStates.Claimable, RewardStates.Claimed)]
    [InlineData(RewardStates.Claimed, RewardStates.Pending, RewardStates.Claimed)]
    [InlineData(RewardStates.Claimable, RewardStates.Confirmed, RewardStates.Claimable)]
    public void A_state_never_goes_back(string current, string next, string expected) =>
        Assert.Equal(expected, RewardStates.Max(current, next));

    [Fact]
    public void A_claim_poll_interval_of_zero_is_refused_naming_the_setting()
    {
        var errors = new RewardsOptions { ClaimPollInterval = TimeSpan.Zero, ClaimScanMaxBlocks = 0 }.Validate().ToList();

        Assert.Equal(2, errors.Count);
        Assert.Contains("Rewards__ClaimPollInterval", errors[0], StringComparison.Ordinal);
        Assert.Contains("Rewards__ClaimScanMaxBlocks", errors[1], StringComparison.Ordinal);
        Assert.Empty(new RewardsOptions().Validate());
    }
}
