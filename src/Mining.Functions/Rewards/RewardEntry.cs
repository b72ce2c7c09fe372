namespace Mining.Functions.Rewards;

/// <summary>
/// One ledger entry: a learning's reward and where it stands (<see cref="RewardStates"/>), with the time of each
/// transition and the transactions behind them. <see cref="RecordedAt"/> is when it was recorded, i.e. became pending
/// (its batch was prepared); <see cref="Amount"/> is in token base units (18 decimals), as a decimal string.
/// </summary>
public sealed record RewardEntry(
    string LearningId, string ContributorId, string Cid, string Account, string Amount, string State, string Outcome, string? BatchId,
    DateTimeOffset RecordedAt)
{
    /// <summary>The account's cumulative reward in the rewards tree of the entry's batch: a claim of at least this much covers the entry.</summary>
    public string? Cumulative { get; init; }

    public DateTimeOffset? ConfirmedAt { get; init; }

    /// <summary>The anchoring transaction of the entry's batch, once it has its confirmations.</summary>
    public string? AnchorTransaction { get; init; }

    public long? AnchorBlock { get; init; }

    public DateTimeOffset? ClaimableAt { get; init; }

    public DateTimeOffset? ClaimedAt { get; init; }

    /// <summary>The <c>claim</c> transaction whose <c>Claimed</c> event covered the entry.</summary>
    public string? ClaimTransaction { get; init; }

    public long? ClaimBlock { get; init; }
}

/// <summary>The states of a ledger entry, in the only order they are reached: a state never goes back.</summary>
public static class RewardStates
{
    /// <summary>Recorded when its batch was prepared; the anchor is not confirmed yet.</summary>
    public const string Pending = "pending";

    /// <summary>The batch's anchoring transaction has the configured confirmations.</summary>
    public const string Confirmed = "confirmed";

    /// <summary>A rewards root containing the entry is on chain and its claim data is served by <c>GET /api/rewards</c>.</summary>
    public const string Claimable = "claimable";

    /// <summary>A <c>Claimed</c> event on chain brought the account's claimed total to at least the entry's cumulative amount.</summary>
    public const string Claimed = "claimed";

    private static readonly string[] Order = [Pending, Confirmed, Claimable, Claimed];

    /// <summary>The later of two states.</summary>
    public static string Max(string current, string next) =>
        Array.IndexOf(Order, next) > Array.IndexOf(Order, current) ? next : current;
}
