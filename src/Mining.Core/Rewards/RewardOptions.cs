using System.Globalization;
using System.Numerics;

namespace Mining.Core.Rewards;

/// <summary>Parameters of <see cref="RewardPolicy"/>; amounts are token base units (18 decimals).</summary>
public sealed class RewardOptions
{
    /// <summary>One whole token in base units.</summary>
    public static readonly BigInteger OneToken = BigInteger.Pow(10, 18);

    /// <summary>Reward for a learning of quality 100 and confidence 1. Default 10 tokens.</summary>
    public BigInteger BaseReward { get; set; } = 10 * OneToken;

    /// <summary>Learnings scored below this quality (0–100) earn nothing. Default 20.</summary>
    public double MinimumQuality { get; set; } = 20;

    /// <summary>Share of the reward paid at confidence 0, rising linearly to 1 at confidence 1. Default 0.5.</summary>
    public double ConfidenceFloor { get; set; } = 0.5;

    /// <summary>Most a contributor (reward address) can earn per UTC day. Default 100 tokens.</summary>
    public BigInteger DailyCapPerContributor { get; set; } = 100 * OneToken;

    /// <summary>Every setting that cannot work, each naming the setting.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (BaseReward.Sign <= 0)
        {
            errors.Add($"RewardOptions.BaseReward must be positive (base units), got {BaseReward}.");
        }

        if (DailyCapPerContributor.Sign < 0)
        {
            errors.Add($"RewardOptions.DailyCapPerContributor must not be negative, got {DailyCapPerContributor}.");
        }

        if (!(MinimumQuality >= 0 && MinimumQuality <= 100))
        {
            errors.Add($"RewardOptions.MinimumQuality must be between 0 and 100, got {MinimumQuality.ToString(CultureInfo.InvariantCulture)}.");
        }

        if (!(ConfidenceFloor >= 0 && ConfidenceFloor <= 1))
        {
            errors.Add($"RewardOptions.ConfidenceFloor must be between 0 and 1, got {ConfidenceFloor.ToString(CultureInfo.InvariantCulture)}.");
        }

        return errors;
    }
}
