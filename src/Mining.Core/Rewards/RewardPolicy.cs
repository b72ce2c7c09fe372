using System.Numerics;
using Mining.Core.Validation;

namespace Mining.Core.Rewards;

/// <summary>Turns a confirmed learning into a token amount (see <c>docs/tokenomics.md</c>).</summary>
/// <remarks>
/// Deterministic: integer arithmetic on basis points, so every node computes the same amount.
/// Guarantees: the amount never decreases when quality or confidence rises (other inputs fixed); a CID already
/// rewarded earns 0; a contributor's total for the day never exceeds <see cref="RewardOptions.DailyCapPerContributor"/>.
/// </remarks>
public sealed class RewardPolicy
{
    private const long Scale = 10_000;
    private readonly RewardOptions _options;
    private readonly long _confidenceFloorBps;

    /// <exception cref="InvalidOptionsException">The options cannot work; the message names the setting.</exception>
    public RewardPolicy(RewardOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        InvalidOptionsException.ThrowIfAny(nameof(RewardOptions), options.Validate());
        _options = options;
        _confidenceFloorBps = ToBasisPoints(options.ConfidenceFloor, 1);
    }

    /// <exception cref="ArgumentOutOfRangeException">Quality, confidence or the day's total is out of range.</exception>
    public RewardDecision Compute(RewardRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!(request.Quality >= 0 && request.Quality <= 100))
        {
            throw new ArgumentOutOfRangeException(nameof(request), request.Quality, "Quality must be between 0 and 100.");
        }

        if (!(request.Confidence >= 0 && request.Confidence <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(request), request.Confidence, "Confidence must be between 0 and 1.");
        }

        if (request.RewardedTodayToContributor.Sign < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(request), request.RewardedTodayToContributor, "The contributor's total for the day cannot be negative.");
        }

        if (request.CidAlreadyRewarded)
        {
            return new RewardDecision(BigInteger.Zero, BigInteger.Zero, RewardOutcome.DuplicateCid);
        }

        if (request.Quality < _options.MinimumQuality)
        {
            return new RewardDecision(BigInteger.Zero, BigInteger.Zero, RewardOutcome.BelowMinimumQuality);
        }

        var qualityBps = ToBasisPoints(request.Quality, 100);
        var confidenceBps = _confidenceFloorBps + ((Scale - _confidenceFloorBps) * ToBasisPoints(request.Confidence, 1) / Scale);
        var uncapped = _options.BaseReward * qualityBps * confidenceBps / (Scale * Scale);

        var remaining = BigInteger.Max(BigInteger.Zero, _options.DailyCapPerContributor - request.RewardedTodayToContributor);
        if (uncapped <= remaining)
        {
            return new RewardDecision(uncapped, uncapped, RewardOutcome.Rewarded);
        }

        return remaining.IsZero
            ? new RewardDecision(BigInteger.Zero, uncapped, RewardOutcome.CapReached)
            : new RewardDecision(remaining, uncapped, RewardOutcome.Capped);
    }

    private static long ToBasisPoints(double value, double full) => (long)Math.Round(value / full * Scale, MidpointRounding.AwayFromZero);
}
