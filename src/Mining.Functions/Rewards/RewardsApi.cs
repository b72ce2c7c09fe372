using System.Globalization;
using System.Numerics;
using Mining.Ethereum;
using Mining.Functions.Batches;
using Mining.Functions.Chain;
using Mining.Functions.Http;

namespace Mining.Functions.Rewards;

/// <summary>
/// <c>/api/rewards</c>: what a contributor has earned, can claim (with the claim data) and has claimed, with how many
/// ledger entries are in each state and the last claim detected on chain; <c>/api/rewards/history</c>: every ledger
/// entry with its state (pending, confirmed, claimable, claimed), the time of each transition and the anchor and claim
/// transactions.
/// </summary>
internal static class RewardsApi
{
    public static void MapRewardsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/rewards").WithTags("Rewards");
        group.MapGet("/", SummaryAsync).RequireContributor();
        group.MapGet("/history", async (HttpContext context, RewardLedger ledger) =>
            Results.Json(await ledger.HistoryAsync(ApiAuth.Contributor(context).Id, context.RequestAborted))).RequireContributor();
    }

    private static async Task<IResult> SummaryAsync(HttpContext context, RewardLedger ledger, BatchStore batches, ChainService chain)
    {
        var contributor = ApiAuth.Contributor(context);
        var history = await ledger.HistoryAsync(contributor.Id, context.RequestAborted);
        return Results.Json(await SummarizeAsync(contributor.RewardAddress, history, batches, chain, context.RequestAborted));
    }

    /// <summary>The body of <c>GET /api/rewards</c> for the account <paramref name="rewardAddress"/> with its ledger <paramref name="history"/> (also shown by the dashboard).</summary>
    internal static async Task<RewardSummary> SummarizeAsync(
        string rewardAddress, IReadOnlyList<RewardEntry> history, BatchStore batches, ChainService chain, CancellationToken ct)
    {
        var accrued = history.Aggregate(BigInteger.Zero, (sum, e) => sum + BigInteger.Parse(e.Amount, CultureInfo.InvariantCulture));
        var ready = await chain.ReadyAsync();
        var account = Address.Parse(rewardAddress);
        var claimed = await ready.Registry.ClaimedAsync(account, ct);
        var balance = await ready.Token.BalanceOfAsync(account, ct);
        var latest = await batches.LatestConfirmedAsync(ready.Deployment.Registry.ToString(), ct);
        var leaf = latest?.Rewards.FirstOrDefault(r => string.Equals(r.Account, rewardAddress, StringComparison.OrdinalIgnoreCase));
        var cumulative = leaf is null ? BigInteger.Zero : BigInteger.Parse(leaf.CumulativeAmount, CultureInfo.InvariantCulture);
        var claimable = BigInteger.Max(BigInteger.Zero, cumulative - claimed);
        var lastClaim = history.Where(e => e.ClaimTransaction is not null).MaxBy(e => e.ClaimBlock);
        return new RewardSummary(
            account.ToString(),
            accrued.ToString(CultureInfo.InvariantCulture),
            claimable.ToString(CultureInfo.InvariantCulture),
            claimed.ToString(CultureInfo.InvariantCulture),
            balance.ToString(CultureInfo.InvariantCulture),
            new[] { RewardStates.Pending, RewardStates.Confirmed, RewardStates.Claimable, RewardStates.Claimed }
                .ToDictionary(s => s, s => history.Count(e => e.State == s)),
            lastClaim is null ? null : new LastClaim(lastClaim.ClaimTransaction!, lastClaim.ClaimBlock, lastClaim.ClaimedAt),
            leaf is null || claimable.IsZero ? null : new ClaimData(
                ready.Deployment.Registry.ToString(), ready.Deployment.ChainId, leaf.Account, leaf.CumulativeAmount, leaf.Proof, latest!.Prepared!.RewardsRoot.ToString()));
    }

    /// <summary>What a contributor has earned, can claim (with the claim data) and has claimed; amounts in token base units.</summary>
    internal sealed record RewardSummary(
        string Account, string Accrued, string Claimable, string Claimed, string TokenBalance, Dictionary<string, int> Entries,
        LastClaim? LastClaim, ClaimData? Claim);

    internal sealed record LastClaim(string Transaction, long? Block, DateTimeOffset? DetectedAt);

    /// <summary>What the registry's <c>claim</c> needs: the cumulative amount of the account in the latest rewards root, and its proof.</summary>
    internal sealed record ClaimData(string Registry, ulong ChainId, string Account, string CumulativeAmount, IReadOnlyList<string> Proof, string RewardsRoot);
}
