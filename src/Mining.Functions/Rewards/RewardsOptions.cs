using Mining.Functions.Options;

namespace Mining.Functions.Rewards;

/// <summary>How claims are followed on chain (section <c>Rewards</c>).</summary>
internal sealed class RewardsOptions : IValidatedOptions
{
    /// <summary>How often <see cref="ClaimWatcher"/> reads new <c>Claimed</c> events from the registry.</summary>
    public TimeSpan ClaimPollInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Most blocks one pass reads <c>Claimed</c> logs from (a node may refuse wider log queries).</summary>
    public int ClaimScanMaxBlocks { get; set; } = 5000;

    public IEnumerable<string> Validate()
    {
        if (ClaimPollInterval < TimeSpan.FromMilliseconds(100) || ClaimPollInterval > TimeSpan.FromDays(1))
        {
            yield return $"{ValidatedOptionsExtensions.Setting("Rewards:ClaimPollInterval")} must be a time span between 00:00:00.1 and 1.00:00:00, e.g. 00:00:15.";
        }

        if (ClaimScanMaxBlocks is < 1 or > 1_000_000)
        {
            yield return $"{ValidatedOptionsExtensions.Setting("Rewards:ClaimScanMaxBlocks")} must be between 1 and 1000000, e.g. 5000.";
        }
    }
}
