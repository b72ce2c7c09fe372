using System.Globalization;
using System.Numerics;
using Mining.Ethereum;
using Mining.Functions.Chain;
using Mining.Functions.Publishing;
using Mining.Functions.Rewards;

namespace Mining.Functions.Api;

/// <summary><c>/api/rewards</c>: what a contributor has earned, can claim (with the claim data) and has claimed.</summary>
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
        return Results.Json(new
        {
            account = account.ToString(),
            accrued = accrued.ToString(CultureInfo.InvariantCulture),
            claimable = claimable.ToString(CultureInfo.InvariantCulture),
            claimed = claimed.ToString(CultureInfo.InvariantCulture),
            tokenBalance = balance.ToString(CultureInfo.InvariantCulture),
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
