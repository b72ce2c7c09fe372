using System.Globalization;
using System.Numerics;
using Mining.Ethereum;
using Mining.Functions.Chain;
using Mining.Functions.Publishing;
using Mining.Functions.Rewards;

namespace Mining.Functions.Api;

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
        var ct = context.RequestAborted;
        var history = await ledger.HistoryAsync(contributor.Id, ct);
        var accrued = history.Aggregate(BigInteger.Zero, (sum, e) => sum + BigInteger.Parse(e.Amount, CultureInfo.InvariantCulture));
        var ready = await chain.ReadyAsync();
        var account = Address.Parse(contributor.RewardAddress);
        var claimed = await ready.Registry.ClaimedAsync(account, ct);
        var balance = await ready.Token.BalanceOfAsync(account, ct);
        var latest = await batches.LatestConfirmedAsync(ct);
        var leaf = latest?.Rewards.FirstOrDefault(r => string.Equals(r.Account, contributor.RewardAddress, StringComparison.OrdinalIgnoreCase));
        var cumulative = leaf is null ? BigInteger.Zero : BigInteger.Parse(leaf.CumulativeAmount, CultureInfo.InvariantCulture);
        var claimable = BigInteger.Max(BigInteger.Zero, cumulative - claimed);
        var lastClaim = history.Where(e => e.ClaimTransaction is not null).MaxBy(e => e.ClaimBlock);
        return Results.Json(new
        {
            account = account.ToString(),
            accrued = accrued.ToString(CultureInfo.InvariantCulture),
            claimable = claimable.ToString(CultureInfo.InvariantCulture),
            claimed = claimed.ToString(CultureInfo.InvariantCulture),
            tokenBalance = balance.ToString(CultureInfo.InvariantCulture),
            entries = new[] { RewardStates.Pending, RewardStates.Confirmed, RewardStates.Claimable, RewardStates.Claimed }
                .ToDictionary(s => s, s => history.Count(e => e.State == s)),
            lastClaim = lastClaim is null ? null : new { transaction = lastClaim.ClaimTransaction, block = lastClaim.ClaimBlock, detectedAt = lastClaim.ClaimedAt },
            claim = leaf is null || claimable.IsZero ? null : new
            {
                registry = ready.Deployment.Registry.ToString(),
                chainId = ready.Deployment.ChainId,
                account = leaf.Account,
                cumulativeAmount = leaf.CumulativeAmount,
                proof = leaf.Proof,
                rewardsRoot = latest!.Prepared!.RewardsRoot,
            },
        });
    }
}
