using System.Text;
using Mining.Functions.Contributors;
using Mining.Functions.Credentials;
using Mining.Functions.Http;
using Mining.Functions.Pages;
using static Mining.Functions.Pages.Html;

namespace Mining.Functions.Dashboard;

/// <summary>
/// The contributor's keys and audit trail: each key's id, prefix, state, created and last used (never the key), rotate
/// (the new key is shown once on the answer to the POST; the rotated one keeps working for an hour) and revoke (after a
/// confirmation box); the audit trail of key and webhook changes, newest first, 100 a page.
/// </summary>
internal static class KeysPage
{
    private static readonly Dictionary<string, string> Notices = new(StringComparer.Ordinal)
    {
        ["revoked"] = "Revoked: that key no longer works.",
        ["already-revoked"] = "That key was already revoked.",
        ["confirm"] = "Tick the box to confirm the revocation; nothing was revoked.",
        ["not-possible"] = "That is not possible: the key is not one of your working keys, or you hold five working keys already (revoke one first).",
    };

    public static void MapKeysPage(this RouteGroupBuilder group)
    {
        group.MapGet("/keys", ShowAsync);
        group.MapPost("/keys/{keyId}/rotate", RotateAsync);
        group.MapPost("/keys/{keyId}/revoke", RevokeAsync);
    }

    private static async Task<IResult> ShowAsync(HttpContext context, DashboardSession sessions, ContributorKeys keys, AuditTrail audit, ContinuationTokens pages)
    {
        var (user, otherwise) = await DashboardEndpoints.RequireAsync(context, asOperator: false);
        if (user is null)
        {
            return otherwise!;
        }

        var notice = Notices.TryGetValue(context.Request.Query["notice"].ToString(), out var text) ? $"<p class=\"notice\" role=\"status\" id=\"notice\">{E(text)}</p>" : string.Empty;
        return await RenderAsync(context, user, sessions, keys, audit, pages, notice);
    }

    private static async Task<IResult> RotateAsync(HttpContext context, string keyId, DashboardSession sessions, ContributorStore contributors, ContributorKeys keys, AuditTrail audit, ContinuationTokens pages)
    {
        var (user, otherwise) = await DashboardEndpoints.RequireAsync(context, asOperator: false);
        if (user is null)
        {
            return otherwise!;
        }

        var contributor = await contributors.FindAsync(user.ContributorId!, context.RequestAborted);
        var rotated = contributor is not null && ApiKeys.IsWellFormedId(keyId)
            ? await keys.RotateAsync(contributor, keyId, GracePeriod.Default, context.RequestAborted)
            : null;
        if (rotated is not { } made)
        {
            return Back("not-possible");
        }

        if (user.Key == keyId && await contributors.FindGrantAsync(made.ApiKey, context.RequestAborted) is { } grant)
        {
            // The session moves to the new key, so it outlives the rotated key's grace period.
            user = sessions.SignIn(context, grant);
        }

        var banner = $"""
            <section class="notice" role="status" id="new-key" aria-labelledby="new-key-h"><h2 id="new-key-h">Your new API key</h2>
            <p><code id="new-key-value">{E(made.ApiKey)}</code></p>
            <p>It is <strong>shown once</strong>: store it now (e.g. <code>mining login</code>). Key <code>{E(made.Previous.Id)}</code> keeps working until
            {Time(made.Previous.ExpiresAt)}, then stops.</p></section>
            """;
        return await RenderAsync(context, user, sessions, keys, audit, pages, banner);
    }

    private static async Task<IResult> RevokeAsync(HttpContext context, string keyId, ContributorKeys keys)
    {
        var (user, otherwise) = await DashboardEndpoints.RequireAsync(context, asOperator: false);
        if (user is null)
        {
            return otherwise!;
        }

        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        if (form["confirm"].ToString() != "yes")
        {
            return Back("confirm");
        }

        var revoked = ApiKeys.IsWellFormedId(keyId)
            ? await keys.RevokeAsync(user.ContributorId!, keyId, "contributor", user.Key == DashboardSession.LinkKey ? null : user.Key, null, context.RequestAborted)
            : null;
        return revoked switch
        {
            null => Back("not-possible"),
            { AlreadyRevoked: true } => Back("already-revoked"),
            _ when user.Key == keyId => SignedOut(context),
            _ => Back("revoked"),
        };
    }

    /// <summary>The session's own key was revoked, so the session ends with it.</summary>
    private static IResult SignedOut(HttpContext context)
    {
        DashboardSession.SignOut(context);
        return Results.Redirect($"{DashboardEndpoints.Root}/signin", permanent: false, preserveMethod: false);
    }

    private static async Task<IResult> RenderAsync(
        HttpContext context, DashboardUser user, DashboardSession sessions, ContributorKeys keys, AuditTrail audit, ContinuationTokens pages, string top)
    {
        var csrf = sessions.CsrfToken(user);
        var html = new StringBuilder(top);
        html.Append("<section aria-labelledby=\"keys-h\"><h2 id=\"keys-h\">API keys</h2>")
            .Append("<p class=\"muted\">Keys are shown once, when made; here only their first characters. A rotated key keeps working for an hour.</p>")
            .Append("<table id=\"keys\"><thead><tr><th scope=\"col\">key</th><th scope=\"col\">prefix</th><th scope=\"col\">state</th><th scope=\"col\">created</th>")
            .Append("<th scope=\"col\">last used</th><th scope=\"col\">stops</th><th scope=\"col\">actions</th></tr></thead><tbody>");
        foreach (var key in await keys.ListAsync(user.ContributorId!, context.RequestAborted))
        {
            var path = $"{DashboardEndpoints.Root}/keys/{Uri.EscapeDataString(key.Id)}";
            var working = key.State is "active" or "expiring";
            html.Append($"<tr id=\"key-{E(key.Id)}\"><td><code>{E(key.Id)}</code>{(key.Id == user.Key ? " <span class=\"muted\">(this session)</span>" : string.Empty)}</td>")
                .Append($"<td><code>{E(key.Prefix)}…</code></td><td class=\"status\">{E(key.State)}</td><td>{Time(key.CreatedAt)}</td><td>{Time(key.LastUsedAt)}</td>")
                .Append($"<td>{(key.RevokedAt is { } revoked ? $"revoked {Time(revoked)}" : Time(key.ExpiresAt))}</td><td>");
            if (working)
            {
                html.Append(PostButton($"{path}/rotate", csrf, "Rotate", string.Empty, $" aria-label=\"Rotate {E(key.Id)}\""))
                    .Append($"<form method=\"post\" action=\"{E(path)}/revoke\"><input type=\"hidden\" name=\"{Html.CsrfField}\" value=\"{E(csrf)}\">")
                    .Append($"<label class=\"inline\"><input type=\"checkbox\" name=\"confirm\" value=\"yes\" required> stops at once</label>")
                    .Append($"<button type=\"submit\" class=\"danger\" aria-label=\"Revoke {E(key.Id)}\">Revoke</button></form>");
            }

            html.Append("</td></tr>");
        }

        html.Append("</tbody></table></section><section aria-labelledby=\"audit-h\"><h2 id=\"audit-h\">Audit trail</h2>");
        string? page = null;
        var continuation = context.Request.Query["audit"].ToString();
        if (continuation.Length > 0 && (continuation.Length > 2048 || !pages.TryUnprotect(user.ContributorId!, continuation, out page)))
        {
            page = null;
        }

        var (entries, next) = await audit.ListAsync(user.ContributorId!, page, 100, context.RequestAborted);
        html.Append("<table id=\"audit\"><thead><tr><th scope=\"col\">when</th><th scope=\"col\">action</th><th scope=\"col\">by</th><th scope=\"col\">detail</th></tr></thead><tbody>");
        foreach (var entry in entries)
        {
            html.Append($"<tr><td>{Time(entry.At)}</td><td>{E(entry.Action)}</td><td>{E(entry.Actor)}{(entry.ByKeyId is { } by ? $" (<code>{E(by)}</code>)" : string.Empty)}</td><td>{E(entry.Detail)}</td></tr>");
        }

        html.Append("</tbody></table>");
        if (pages.Protect(user.ContributorId!, next) is { } more)
        {
            html.Append($"<p><a href=\"{DashboardEndpoints.Root}/keys?audit={Uri.EscapeDataString(more)}\" rel=\"next\">Older entries</a></p>");
        }

        return Page(StatusCodes.Status200OK, "Keys and audit trail", html.Append("</section>").ToString(), DashboardEndpoints.Nav(user, csrf));
    }

    private static IResult Back(string notice) =>
        Results.Redirect($"{DashboardEndpoints.Root}/keys?notice={notice}", permanent: false, preserveMethod: false);
}
