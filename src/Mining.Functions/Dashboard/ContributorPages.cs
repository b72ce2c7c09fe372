using System.Text;
using Microsoft.Extensions.Options;
using Mining.Functions.Approval;
using Mining.Functions.Controls;
using Mining.Functions.Http;
using Mining.Functions.Learnings;
using Mining.Functions.Options;
using Mining.Functions.Pages;
using Mining.Functions.Settings;
using Mining.Functions.Storage;
using Mining.Functions.Submission;
using static Mining.Functions.Pages.Html;

namespace Mining.Functions.Dashboard;

/// <summary>
/// The contributor's pages: the learnings with their stage timelines and the controls as switches; one learning with its
/// document, CID, transaction, gateway links and the decision; the decisions and switches themselves (POST).
/// </summary>
internal static class ContributorPages
{
    private static readonly Dictionary<string, string> Notices = new(StringComparer.Ordinal)
    {
        ["approved"] = "Approved: publishing has begun.",
        ["rejected"] = "Rejected: nothing will be published.",
        ["published"] = "Approval requested: the learning now awaits your decision.",
        ["saved"] = "Saved.",
        ["already-decided"] = "This learning was already decided; a decision cannot be changed.",
        ["not-possible"] = "That is not possible for this learning in its current stage (or with your current controls).",
    };

    public static void MapContributorPages(this RouteGroupBuilder group)
    {
        group.MapGet("/", HomeAsync);
        group.MapGet("/learnings/{id}", LearningAsync);
        group.MapPost("/learnings/{id}/approve", (HttpContext c, string id, DecisionService d) => DecideAsync(c, id, true, d));
        group.MapPost("/learnings/{id}/reject", (HttpContext c, string id, DecisionService d) => DecideAsync(c, id, false, d));
        group.MapPost("/learnings/{id}/publish", PublishAsync);
        group.MapPost("/controls", ControlsAsync);
        group.MapGet("/rewards", RewardsPage.ShowAsync);
        group.MapKeysPage();
    }

    private static string Notice(HttpContext context) =>
        Notices.TryGetValue(context.Request.Query["notice"].ToString(), out var text) ? $"<p class=\"notice\" role=\"status\" id=\"notice\">{E(text)}</p>" : string.Empty;

    private static async Task<IResult> HomeAsync(
        HttpContext context, DashboardSession sessions, LearningStore learnings, LearningView view, SettingsStore settings, ContinuationTokens pages)
    {
        var user = await sessions.ReadAsync(context);
        if (user is { IsOperator: true })
        {
            return Results.Redirect($"{DashboardEndpoints.Root}/operator", permanent: false, preserveMethod: false);
        }

        var (contributor, otherwise) = await DashboardEndpoints.RequireAsync(context, asOperator: false);
        if (contributor is null)
        {
            return otherwise!;
        }

        var csrf = sessions.CsrfToken(contributor);
        var controls = await settings.GetAsync(contributor.ContributorId!, context.RequestAborted);
        string? page = null;
        var continuation = context.Request.Query["page"].ToString();
        if (continuation.Length > 0 && (continuation.Length > 2048 || !pages.TryUnprotect(contributor.ContributorId!, continuation, out page)))
        {
            return Results.Redirect(DashboardEndpoints.Root, permanent: false, preserveMethod: false);
        }

        var (stored, next) = await learnings.ListAsync(contributor.ContributorId!, null, page, 50, context.RequestAborted);
        var items = await view.ShowAllAsync(stored.OrderByDescending(l => l.CreatedAt), context.RequestAborted);
        var html = new StringBuilder(Notice(context));
        html.Append("<section aria-labelledby=\"controls-h\"><h2 id=\"controls-h\">Controls</h2><div class=\"switches\">")
            .Append(Switch(csrf, "uploadsEnabled", "Uploads (opt-in)", controls.UploadsEnabled))
            .Append(Switch(csrf, "localOnly", "Local-only", controls.LocalOnly))
            .Append(Switch(csrf, "paused", "Pause uploads", controls.Paused))
            .Append("</div><p class=\"muted\">Uploads are off until you turn them on; local-only keeps every learning inside the service; ")
            .Append("pause holds every learning before its next step until you turn it off. See docs/privacy-controls.md.</p></section>");

        html.Append("<section aria-labelledby=\"learnings-h\"><h2 id=\"learnings-h\">Learnings</h2>");
        if (items.Count == 0)
        {
            html.Append("<p>No learnings yet. Submit one with <code>POST /api/learnings</code> or <code>mining submit</code>.</p>");
        }

        foreach (var learning in items)
        {
            html.Append($"<article class=\"learning\" id=\"learning-{E(learning.Id)}\" aria-labelledby=\"t-{E(learning.Id)}\">")
                .Append($"<h3 id=\"t-{E(learning.Id)}\"><a href=\"{DashboardEndpoints.Root}/learnings/{Uri.EscapeDataString(learning.Id)}\">{E(learning.Title)}</a></h3>")
                .Append($"<p>Stage <span class=\"status\" data-status=\"{E(learning.Status.ToString())}\">{E(learning.Status.ToString())}</span>{BatchNote(learning)} · CID <code>{E(learning.Cid.ToString())}</code></p>")
                .Append(StageTimeline.Render(learning))
                .Append("</article>");
        }

        if (pages.Protect(contributor.ContributorId!, next) is { } more)
        {
            html.Append($"<p><a href=\"{DashboardEndpoints.Root}?page={Uri.EscapeDataString(more)}\" rel=\"next\">More learnings</a></p>");
        }

        return Page(StatusCodes.Status200OK, "Your learnings", html.Append("</section>").ToString(), DashboardEndpoints.Nav(contributor, csrf));
    }

    internal static string BatchNote(LearningRecord learning) => learning.Status != LearningStatus.WaitingForBatch ? string.Empty
        : learning.BatchClosesAt is { } at ? $" — the batch closes by {Time(at)}" : " — the batch is being formed";

    private static string Switch(string csrf, string control, string label, bool on) => PostButton(
        $"{DashboardEndpoints.Root}/controls", csrf, label,
        $"<input type=\"hidden\" name=\"control\" value=\"{control}\"><input type=\"hidden\" name=\"value\" value=\"{(on ? "false" : "true")}\">",
        $" role=\"switch\" aria-checked=\"{(on ? "true" : "false")}\" id=\"switch-{control}\"");

    private static async Task<IResult> LearningAsync(
        HttpContext context, string id, DashboardSession sessions, LearningStore learnings, LearningView view, DocumentStore documents,
        IOptions<IpfsOptions> ipfs, IOptions<DashboardOptions> options)
    {
        var (user, otherwise) = await DashboardEndpoints.RequireAsync(context, asOperator: false);
        if (user is null)
        {
            return otherwise!;
        }

        var csrf = sessions.CsrfToken(user);
        var stored = LearningIds.IsWellFormed(id) ? await learnings.FindAsync(user.ContributorId!, id, context.RequestAborted) : null;
        if (stored is null)
        {
            return Page(StatusCodes.Status404NotFound, "Learning not found", $"<p>You have no learning with id <code>{E(Problems.Truncate(id))}</code>.</p>",
                DashboardEndpoints.Nav(user, csrf));
        }

        var learning = await view.ShowAsync(stored, context.RequestAborted);
        var path = $"{DashboardEndpoints.Root}/learnings/{Uri.EscapeDataString(learning.Id)}";
        var html = new StringBuilder(Notice(context));
        html.Append(StageTimeline.Render(learning)).Append("<dl class=\"facts\">")
            .Append($"<dt>Stage</dt><dd><span class=\"status\" id=\"status\" data-status=\"{E(learning.Status.ToString())}\">{E(learning.Status.ToString())}</span>{BatchNote(learning)}</dd>")
            .Append($"<dt>Learning</dt><dd><code>{E(learning.Id)}</code></dd><dt>CID</dt><dd><code id=\"cid\">{E(learning.Cid.ToString())}</code></dd>")
            .Append($"<dt>Submitted</dt><dd>{Time(learning.CreatedAt)}</dd><dt>Updated</dt><dd>{Time(learning.UpdatedAt)}</dd>");
        if (learning.Reason is not null)
        {
            html.Append($"<dt>Why</dt><dd>{E(learning.Reason)}</dd>");
        }

        if (learning.Status == LearningStatus.AwaitingApproval)
        {
            html.Append($"<dt>Decide by</dt><dd>{Time(learning.ApprovalExpiresAt)}</dd>");
        }

        if (learning.Pins.Count > 0)
        {
            html.Append("<dt>Pins</dt><dd>").Append(string.Join("<br>", learning.Pins.Select(p => $"{E(p.Target)}: {(p.Pinned ? "pinned" : E(p.Detail ?? "not pinned"))}"))).Append("</dd>");
        }

        if (learning.Gateways.Count > 0 || learning.Status is LearningStatus.Rewarded or LearningStatus.Confirming or LearningStatus.Anchoring or LearningStatus.WaitingForBatch)
        {
            html.Append("<dt>Gateways</dt><dd><ul id=\"gateways\">");
            foreach (var gateway in ipfs.Value.Gateways)
            {
                var outcome = learning.Gateways.FirstOrDefault(g => string.Equals(g.Gateway.TrimEnd('/'), gateway.ToString().TrimEnd('/'), StringComparison.OrdinalIgnoreCase));
                html.Append($"<li><a href=\"{E(new Uri(gateway, $"ipfs/{learning.Cid}").ToString())}\" rel=\"noreferrer\">{E(gateway.ToString())}ipfs/…</a>")
                    .Append(outcome is null ? string.Empty : $" — {E(outcome.Outcome)} ({outcome.LatencyMs:0} ms)").Append("</li>");
            }

            html.Append("</ul></dd>");
        }

        if (learning.Anchor is { } anchor)
        {
            html.Append($"<dt>Batch</dt><dd><code>{E(anchor.BatchId)}</code> (Merkle root <code>{E(anchor.Root.ToString())}</code>)</dd>");
            if (anchor.TransactionHash is { } hash)
            {
                var link = options.Value.LinkOf(hash.ToString());
                html.Append("<dt>Transaction</dt><dd>")
                    .Append(link is null ? $"<code id=\"transaction\">{E(hash.ToString())}</code>" : $"<a id=\"transaction\" href=\"{E(link)}\" rel=\"noreferrer\"><code>{E(hash.ToString())}</code></a>")
                    .Append($" in block {anchor.BlockNumber?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "—"}, {anchor.Confirmations} confirmations</dd>");
            }
        }

        if (learning.Reward is { } reward)
        {
            html.Append($"<dt>Reward</dt><dd>{E(RewardsPage.Tokens(reward.Amount))} MINE ({E(reward.State)})</dd>");
        }

        html.Append("</dl>");
        if (learning.Status == LearningStatus.AwaitingApproval)
        {
            var cid = $"<input type=\"hidden\" name=\"cid\" value=\"{E(learning.Cid.ToString())}\">";
            html.Append("<section aria-labelledby=\"decide-h\"><h2 id=\"decide-h\">Your decision</h2><p class=\"notice\">Approving publishes exactly the bytes below under this CID; ")
                .Append("publishing is permanent. Rejecting publishes nothing.</p>")
                .Append(PostButton($"{path}/approve", csrf, "Approve and publish", cid, " class=\"primary\" id=\"approve\""))
                .Append(PostButton($"{path}/reject", csrf, "Reject", cid, " class=\"danger\" id=\"reject\""))
                .Append("</section>");
        }
        else if (learning.Status == LearningStatus.LocalOnly)
        {
            html.Append(PostButton($"{path}/publish", csrf, "Ask to publish it", string.Empty, " id=\"publish\""));
        }

        var bytes = await documents.ReadDocumentAsync(learning.Cid, context.RequestAborted);
        html.Append(bytes is null ? "<p class=\"notice bad\">The document is not stored here.</p>" : DocumentView.Render(bytes, learning.Cid.ToString(), learning.Redactions));
        return Page(StatusCodes.Status200OK, learning.Title, html.ToString(), DashboardEndpoints.Nav(user, csrf));
    }

    private static async Task<IResult> DecideAsync(HttpContext context, string id, bool approve, DecisionService decisions)
    {
        var (user, otherwise) = await DashboardEndpoints.RequireAsync(context, asOperator: false);
        if (user is null)
        {
            return otherwise!;
        }

        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        var cid = form["cid"].ToString();
        if (!LearningIds.IsWellFormed(id) || cid.Length == 0)
        {
            return Back(id, "not-possible");
        }

        var (outcome, _) = await decisions.DecideAsync(user.ContributorId!, id, cid, approve, "dashboard", context.RequestAborted);
        return Back(id, outcome switch
        {
            DecideOutcome.Decided => approve ? "approved" : "rejected",
            DecideOutcome.AlreadyDecided => "already-decided",
            _ => "not-possible",
        });
    }

    private static async Task<IResult> PublishAsync(HttpContext context, string id, SubmissionService submissions)
    {
        var (user, otherwise) = await DashboardEndpoints.RequireAsync(context, asOperator: false);
        if (user is null)
        {
            return otherwise!;
        }

        var started = LearningIds.IsWellFormed(id) ? await submissions.PublishLocalAsync(user.ContributorId!, id, context.RequestAborted) : null;
        return Back(id, started is null ? "not-possible" : "published");
    }

    private static async Task<IResult> ControlsAsync(HttpContext context, SettingsStore settings)
    {
        var (user, otherwise) = await DashboardEndpoints.RequireAsync(context, asOperator: false);
        if (user is null)
        {
            return otherwise!;
        }

        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        if (!bool.TryParse(form["value"].ToString(), out var on))
        {
            return Page(StatusCodes.Status400BadRequest, "Not changed", "<p>Use the dashboard's switches.</p>");
        }

        var current = await settings.GetAsync(user.ContributorId!, context.RequestAborted);
        ContributorSettings? updated = form["control"].ToString() switch
        {
            "uploadsEnabled" => current with { UploadsEnabled = on },
            "localOnly" => current with { LocalOnly = on },
            "paused" => current with { Paused = on },
            _ => null,
        };
        if (updated is null)
        {
            return Page(StatusCodes.Status400BadRequest, "Not changed", "<p>Use the dashboard's switches.</p>");
        }

        await settings.SaveAsync(user.ContributorId!, updated, context.RequestAborted);
        if (current.Paused && !updated.Paused)
        {
            await ControlsApi.ResumeLearningsAsync(context, user.ContributorId!);
        }

        return Results.Redirect($"{DashboardEndpoints.Root}?notice=saved", permanent: false, preserveMethod: false);
    }

    private static IResult Back(string id, string notice) => Results.Redirect(
        LearningIds.IsWellFormed(id) ? $"{DashboardEndpoints.Root}/learnings/{Uri.EscapeDataString(id)}?notice={notice}" : $"{DashboardEndpoints.Root}?notice={notice}",
        permanent: false, preserveMethod: false);
}
