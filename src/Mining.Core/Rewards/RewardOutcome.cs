namespace Mining.Core.Rewards;

/// <summary>Why a reward has the amount it has.</summary>
public enum RewardOutcome
{
    /// <summary>The full computed amount.</summary>
    Rewarded,

    /// <summary>Reduced to what remained of the contributor's daily cap.</summary>
    Capped,

    /// <summary>Nothing: the daily cap was already reached.</summary>
    CapReached,

    /// <summary>Nothing: the CID was rewarded before.</summary>
    DuplicateCid,

    /// <summary>Nothing: the quality score is below <see cref="RewardOptions.MinimumQuality"/>.</summary>
    BelowMinimumQuality,
}
