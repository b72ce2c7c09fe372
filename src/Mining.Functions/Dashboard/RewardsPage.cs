using System.Globalization;
using System.Numerics;
using System.Text;
using Mining.Functions.Batches;
using Mining.Functions.Chain;
using Mining.Functions.Contributors;
using Mining.Functions.Rewards;
using static Mining.Functions.Pages.Html;

namespace Mining.Functions.Dashboard;

/// <summary>The contributor's rewards: accrued, claimable with the claim data, claimed, balance, a chart over time and the ledger.</summary>
internal static class RewardsPage
{
    private static readonly BigInteger Unit = BigInteger.Pow(10, 18);

    public static async Task<IResult> ShowAsync(
        HttpContext context, DashboardSession sessions, ContributorStore contributors, RewardLedger ledger, BatchStore batches, ChainService chain)
    {
        var (user, otherwise) = await DashboardEndpoints.RequireAsync(context, asOperator: false);
        if (user is null)
        {
            return otherwise!;
        }

        var csrf = sessions.CsrfToken(user);
        var contributor = await contributors.FindAsync(user.ContributorId!, context.RequestAborted);
        if (contributor is null)
        {
            return Page(StatusCodes.Status404NotFound, "Contributor not found", "<p>Sign in again.</p>");
        }

        var history = await ledger.HistoryAsync(contributor.Id, context.RequestAborted);
        var summary = await RewardsApi.SummarizeAsync(contributor.RewardAddress, history, batches, chain, context.RequestAborted);
        var html = new StringBuilder("<dl class=\"facts\" id=\"totals\">")
            .Append($"<dt>Account</dt><dd><code>{E(summary.Account)}</code></dd>")
            .Append($"<dt>Accrued</dt><dd id=\"accrued\">{E(Tokens(summary.Accrued))} MINE</dd>")
            .Append($"<dt>Claimable</dt><dd id=\"claimable\">{E(Tokens(summary.Claimable))} MINE</dd>")
            .Append($"<dt>Claimed</dt><dd>{E(Tokens(summary.Claimed))} MINE</dd>")
            .Append($"<dt>Token balance</dt><dd>{E(Tokens(summary.TokenBalance))} MINE</dd>")
            .Append($"<dt>Entries</dt><dd>{E(string.Join(", ", summary.Entries.Select(e => $"{e.Value} {e.Key}")))}</dd>");
        if (summary.LastClaim is { } last)
        {
            html.Append($"<dt>Last claim</dt><dd><code>{E(last.Transaction)}</code> in block {last.Block?.ToString(CultureInfo.InvariantCulture) ?? "—"}</dd>");
        }

        html.Append("</dl><h2 id=\"chart-h\">Rewards over time</h2>").Append(RewardsChart.Render(history));
        html.Append("<h2>Claim</h2>");
        if (summary.Claim is { } claim)
        {
            html.Append("<p>Send <code>claim(account, cumulativeAmount, proof)</code> to the registry with your wallet (<code>mining claim</code> does it):</p>")
                .Append("<dl class=\"facts\" id=\"claim\">")
                .Append($"<dt>Registry</dt><dd><code>{E(claim.Registry)}</code> on chain {claim.ChainId.ToString(CultureInfo.InvariantCulture)}</dd>")
                .Append($"<dt>Account</dt><dd><code>{E(claim.Account)}</code></dd>")
                .Append($"<dt>Cumulative amount</dt><dd><code>{E(claim.CumulativeAmount)}</code></dd>")
                .Append($"<dt>Rewards root</dt><dd><code>{E(claim.RewardsRoot)}</code></dd>")
                .Append($"<dt>Proof</dt><dd>{string.Join("<br>", claim.Proof.Select(p => $"<code>{E(p)}</code>"))}</dd></dl>");
        }
        else
        {
            html.Append("<p>Nothing to claim now.</p>");
        }

        html.Append("<h2>Ledger</h2><table><thead><tr><th scope=\"col\">learning</th><th scope=\"col\">amount</th><th scope=\"col\">state</th><th scope=\"col\">recorded</th><th scope=\"col\">anchor transaction</th></tr></thead><tbody>");
        foreach (var entry in history.OrderByDescending(e => e.RecordedAt))
        {
            html.Append($"<tr><td><a href=\"{DashboardEndpoints.Root}/learnings/{Uri.EscapeDataString(entry.LearningId)}\"><code>{E(entry.LearningId)}</code></a></td>")
                .Append($"<td>{E(Tokens(entry.Amount))}</td><td>{E(entry.State)}</td><td>{Time(entry.RecordedAt)}</td><td><code>{E(entry.AnchorTransaction ?? "—")}</code></td></tr>");
        }

        html.Append("</tbody></table>");
        return Page(StatusCodes.Status200OK, "Rewards", html.ToString(), DashboardEndpoints.Nav(user, csrf));
    }

    /// <summary>Token base units (18 decimals) as tokens, with up to four decimals.</summary>
    public static string Tokens(string baseUnits)
    {
        var value = BigInteger.Parse(baseUnits, CultureInfo.InvariantCulture);
        var whole = BigInteger.DivRem(value, Unit, out var rest);
        var fraction = (rest * 10_000 / Unit).ToString("D4", CultureInfo.InvariantCulture).TrimEnd('0');
        return fraction.Length == 0 ? whole.ToString(CultureInfo.InvariantCulture) : $"{whole.ToString(CultureInfo.InvariantCulture)}.{fraction}";
    }
}
