using System.Text;
using Mining.Functions.DeadLetters;
using Mining.Functions.Operations;
using Mining.Functions.Operator;
using Mining.Functions.Pages;
using Mining.Functions.Replay;
using Mining.Functions.Settings;
using Mining.Functions.Storage;
using static Mining.Functions.Pages.Html;

namespace Mining.Functions.Dashboard;

/// <summary>The operator's pages (operator key): dead letters with their audit trail, replay and delete; alerts; metrics.</summary>
internal static class OperatorPages
{
    private const int MaxReasonLength = 500;

    private static readonly Dictionary<string, string> Notices = new(StringComparer.Ordinal)
    {
        ["replayed"] = "Replayed: the failed stage runs again.",
        ["already-replayed"] = "It was replayed already; nothing more happened.",
        ["deleted"] = "Deleted: its learnings end as Failed; the reason stays in the audit trail.",
        ["not-replayable"] = "It cannot be replayed (deleted, or its instance no longer exists). Delete it with a reason.",
        ["paused"] = "Every contributor's learnings are held before their next step until you resume.",
        ["resumed"] = "Resumed: every held learning continues where it stopped.",
        ["reason-required"] = $"Deleting needs a reason of 1 to {MaxReasonLength} characters; it is kept in the audit trail.",
    };

    public static void MapOperatorPages(this RouteGroupBuilder group)
    {
        group.MapGet("/operator", OverviewAsync);
        group.MapPost("/operator/pause", (HttpContext c, SettingsStore s) => PauseAllAsync(c, s, paused: true));
        group.MapPost("/operator/resume", (HttpContext c, SettingsStore s) => PauseAllAsync(c, s, paused: false));
        group.MapGet("/deadletters/{id}", DeadLetterAsync);
        group.MapPost("/deadletters/{id}/replay", ReplayAsync);
        group.MapPost("/deadletters/{id}/delete", DeleteAsync);
    }

    private static async Task<IResult> OverviewAsync(
        HttpContext context, DashboardSession sessions, DeadLetterStore deadLetters, OperatorAlerts alerts, StorageRequestCounter requests, SettingsStore settings)
    {
        var (user, otherwise) = await DashboardEndpoints.RequireAsync(context, asOperator: true);
        if (user is null)
        {
            return otherwise!;
        }

        var csrf = sessions.CsrfToken(user);
        var paused = await settings.IsPausedByOperatorAsync(context.RequestAborted);
        var html = new StringBuilder(Notices.TryGetValue(context.Request.Query["notice"].ToString(), out var notice) ? $"<p class=\"notice\" role=\"status\" id=\"notice\">{E(notice)}</p>" : string.Empty);
        html.Append("<section aria-labelledby=\"uploads-h\"><h2 id=\"uploads-h\">Uploads</h2>")
            .Append(paused
                ? "<p id=\"uploads-state\" class=\"status\">Held: no learning of any contributor starts a new step.</p>"
                : "<p id=\"uploads-state\" class=\"status\">Running: learnings go through their steps.</p>")
            .Append(paused
                ? PostButton($"{DashboardEndpoints.Root}/operator/resume", csrf, "Resume all uploads", string.Empty, " class=\"primary\" id=\"resume-all\"")
                : PostButton($"{DashboardEndpoints.Root}/operator/pause", csrf, "Pause all uploads", string.Empty, " class=\"danger\" id=\"pause-all\""))
            .Append("<p class=\"muted\">Pausing holds every contributor's learnings before their next step (nothing is lost); resuming continues each where it stopped.</p></section>");
        html.Append("<section aria-labelledby=\"dl-h\"><h2 id=\"dl-h\">Dead letters</h2>");
        var records = (await deadLetters.ListAsync(context.RequestAborted)).OrderByDescending(r => r.FailedAt).ToList();
        if (records.Count == 0)
        {
            html.Append("<p>None: nothing is waiting for a decision.</p>");
        }
        else
        {
            html.Append("<table id=\"deadletters\"><thead><tr><th scope=\"col\">dead letter</th><th scope=\"col\">kind</th><th scope=\"col\">stage</th><th scope=\"col\">state</th><th scope=\"col\">failed</th><th scope=\"col\">error</th></tr></thead><tbody>");
            foreach (var r in records)
            {
                html.Append($"<tr><td><a href=\"{DashboardEndpoints.Root}/deadletters/{Uri.EscapeDataString(r.Id)}\"><code>{E(r.Id)}</code></a></td><td>{E(r.Kind.ToString())}</td>")
                    .Append($"<td>{E(r.Stage)}</td><td class=\"status\">{E(r.State.ToString())}</td><td>{Time(r.FailedAt)}</td><td>{E(Shorten(r.Error))}</td></tr>");
            }

            html.Append("</tbody></table>");
        }

        html.Append("</section><section aria-labelledby=\"alerts-h\"><h2 id=\"alerts-h\">Alerts</h2>");
        var raised = await alerts.ListAsync(context.RequestAborted);
        html.Append(raised.Count == 0 ? "<p>No alerts.</p>"
            : "<table id=\"alerts\"><thead><tr><th scope=\"col\">raised</th><th scope=\"col\">subject</th><th scope=\"col\">sent to</th></tr></thead><tbody>"
              + string.Concat(raised.OrderByDescending(a => a.RaisedAt).Select(a =>
                  $"<tr><td>{Time(a.RaisedAt)}</td><td><details><summary>{E(a.Subject)}</summary><pre class=\"bytes\">{E(a.Body)}</pre></details></td><td>{E(string.Join(", ", a.Channels))}</td></tr>"))
              + "</tbody></table>");

        var engine = context.RequestServices.GetKeyedService<StorageRequestCounter>(StorageRequestCounter.EngineKey);
        html.Append("</section><section aria-labelledby=\"metrics-h\"><h2 id=\"metrics-h\">Metrics</h2>")
            .Append($"<p>Storage requests since {Time(requests.Since)}.</p><table id=\"metrics\"><thead><tr><th scope=\"col\">who</th><th scope=\"col\">table</th><th scope=\"col\">queue</th><th scope=\"col\">blob</th><th scope=\"col\">total</th></tr></thead><tbody>")
            .Append($"<tr><td>app</td><td>{requests.Table}</td><td>—</td><td>{requests.Blob}</td><td>{requests.Total}</td></tr>")
            .Append(engine is null ? "<tr><td>engine</td><td colspan=\"4\">counted by the Functions host</td></tr>"
                : $"<tr><td>engine</td><td>{engine.Table}</td><td>{engine.Queue}</td><td>{engine.Blob}</td><td>{engine.Total}</td></tr>")
            .Append("</tbody></table></section>");
        return Page(StatusCodes.Status200OK, "Operator", html.ToString(), DashboardEndpoints.Nav(user, csrf));
    }

    private static async Task<IResult> DeadLetterAsync(HttpContext context, string id, DashboardSession sessions, DeadLetterStore store)
    {
        var (user, otherwise) = await DashboardEndpoints.RequireAsync(context, asOperator: true);
        if (user is null)
        {
            return otherwise!;
        }

        var csrf = sessions.CsrfToken(user);
        if (id.Length > 200 || await store.FindAsync(id, context.RequestAborted) is not var (record, _))
        {
            return Page(StatusCodes.Status404NotFound, "Dead letter not found", $"<p>There is no dead letter <code>{E(id.Length > 64 ? id[..64] : id)}</code>.</p>", DashboardEndpoints.Nav(user, csrf));
        }

        var path = $"{DashboardEndpoints.Root}/deadletters/{Uri.EscapeDataString(record.Id)}";
        var html = new StringBuilder(Notices.TryGetValue(context.Request.Query["notice"].ToString(), out var notice) ? $"<p class=\"notice\" role=\"status\" id=\"notice\">{E(notice)}</p>" : string.Empty);
        html.Append("<dl class=\"facts\">")
            .Append($"<dt>State</dt><dd class=\"status\" id=\"state\">{E(record.State.ToString())}</dd><dt>Kind</dt><dd>{E(record.Kind.ToString())}</dd>")
            .Append($"<dt>Stage</dt><dd>{E(record.Stage)}</dd><dt>Orchestration</dt><dd>{E(record.Orchestration)} <code>{E(record.InstanceId)}</code></dd>")
            .Append($"<dt>Attempts</dt><dd>{record.Attempts}</dd><dt>Generation</dt><dd>{record.Generation}</dd><dt>Failed</dt><dd>{Time(record.FailedAt)}</dd>")
            .Append($"<dt>Error</dt><dd><pre class=\"bytes\">{E(record.Error)}</pre></dd>");
        foreach (var learning in record.Learnings)
        {
            html.Append($"<dt>Learning</dt><dd><code>{E(learning.LearningId)}</code> (CID <code>{E(learning.Cid.ToString())}</code>, contributor <code>{E(learning.ContributorId)}</code>)</dd>");
        }

        if (record.DeleteReason is not null)
        {
            html.Append($"<dt>Delete reason</dt><dd>{E(record.DeleteReason)}</dd>");
        }

        html.Append("</dl><h2>Audit trail</h2><table id=\"audit\"><thead><tr><th scope=\"col\">when</th><th scope=\"col\">action</th><th scope=\"col\">generation</th><th scope=\"col\">detail</th></tr></thead><tbody>");
        foreach (var entry in await store.AuditAsync(record.Id, context.RequestAborted))
        {
            html.Append($"<tr><td>{Time(entry.At)}</td><td>{E(entry.Action)}</td><td>{entry.Generation}</td><td>{E(entry.Detail ?? string.Empty)}</td></tr>");
        }

        html.Append("</tbody></table>");
        if (record.State == DeadLetterState.Open)
        {
            html.Append("<h2>Decide</h2>")
                .Append(PostButton($"{path}/replay", csrf, "Replay the failed stage", string.Empty, " class=\"primary\" id=\"replay\""))
                .Append($"<form method=\"post\" action=\"{E(path)}/delete\"><input type=\"hidden\" name=\"{Html.CsrfField}\" value=\"{E(csrf)}\">")
                .Append($"<label for=\"reason\">Reason for giving it up (kept in the audit trail)</label><input type=\"text\" id=\"reason\" name=\"reason\" required maxlength=\"{MaxReasonLength}\">")
                .Append("<p><button type=\"submit\" class=\"danger\" id=\"delete\">Delete</button></p></form>");
        }

        return Page(StatusCodes.Status200OK, $"Dead letter {record.Id}", html.ToString(), DashboardEndpoints.Nav(user, csrf));
    }

    private static async Task<IResult> ReplayAsync(HttpContext context, string id, DeadLetterReplay deadLetters)
    {
        var (user, otherwise) = await DashboardEndpoints.RequireAsync(context, asOperator: true);
        if (user is null)
        {
            return otherwise!;
        }

        var (outcome, _) = id.Length > 200 ? (DeadLetterOutcome.NotFound, null) : await deadLetters.ReplayAsync(id, context.RequestAborted);
        return Back(id, outcome switch
        {
            DeadLetterOutcome.Done => "replayed",
            DeadLetterOutcome.AlreadyReplayed => "already-replayed",
            _ => "not-replayable",
        });
    }

    private static async Task<IResult> DeleteAsync(HttpContext context, string id, DeadLetterReplay deadLetters)
    {
        var (user, otherwise) = await DashboardEndpoints.RequireAsync(context, asOperator: true);
        if (user is null)
        {
            return otherwise!;
        }

        var reason = (await context.Request.ReadFormAsync(context.RequestAborted))["reason"].ToString().Trim();
        if (reason.Length is 0 or > MaxReasonLength)
        {
            return Back(id, "reason-required");
        }

        var (outcome, _) = id.Length > 200 ? (DeadLetterOutcome.NotFound, null) : await deadLetters.DeleteAsync(id, reason, context.RequestAborted);
        return Back(id, outcome == DeadLetterOutcome.NotFound ? "not-replayable" : "deleted");
    }

    private static async Task<IResult> PauseAllAsync(HttpContext context, SettingsStore settings, bool paused)
    {
        var (user, otherwise) = await DashboardEndpoints.RequireAsync(context, asOperator: true);
        if (user is null)
        {
            return otherwise!;
        }

        await OperatorApi.SetPauseAsync(context.RequestServices, settings, paused, context.RequestAborted);
        return Results.Redirect($"{DashboardEndpoints.Root}/operator?notice={(paused ? "paused" : "resumed")}", permanent: false, preserveMethod: false);
    }

    private static IResult Back(string id, string notice) =>
        Results.Redirect($"{DashboardEndpoints.Root}/deadletters/{Uri.EscapeDataString(id)}?notice={notice}", permanent: false, preserveMethod: false);

    private static string Shorten(string text) => text.Length <= 160 ? text : text[..160] + "…";
}
