using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using Mining.Functions.Contributors;
using Mining.Functions.Options;
using Mining.Functions.Pages;
using static Mining.Functions.Pages.Html;

namespace Mining.Functions.Dashboard;

/// <summary>
/// The web dashboard under <c>/dashboard</c>: sign-in with an API key (contributor or operator), the contributor's pages
/// (<see cref="ContributorPages"/>) and the operator's (<see cref="OperatorPages"/>), server-rendered with no script.
/// </summary>
/// <remarks>
/// GET changes nothing. Every state change is a POST that must come from this service's own origin (Origin equal to
/// <c>PublicBaseUrl</c>, and not a cross-site fetch) and, once signed in, carry the session's anti-forgery token;
/// anything else gets 403 and changes nothing. Pages carry a Content-Security-Policy without script or inline style.
/// </remarks>
internal static class DashboardEndpoints
{
    public const string Root = "/dashboard";

    public static IEndpointRouteBuilder MapDashboard(this IEndpointRouteBuilder app)
    {
        app.MapGet(Stylesheet.Path, Stylesheet.Serve).ExcludeFromDescription();
        var group = app.MapGroup(Root).ExcludeFromDescription().AddEndpointFilter(async (context, next) =>
        {
            SetSecurityHeaders(context.HttpContext.Response);
            var request = context.HttpContext.Request;
            if (HttpMethods.IsPost(request.Method) && await RefuseAsync(context.HttpContext) is { } refused)
            {
                return refused;
            }

            return await next(context);
        });
        group.MapGet("/signin", (HttpContext context) => SignInPage(StatusCodes.Status200OK, null));
        group.MapPost("/signin", SignInAsync);
        group.MapPost("/signin/email", EmailLinkAsync);
        group.MapGet("/signin/link/{token}", LinkPageAsync);
        group.MapPost("/signin/link/{token}", UseLinkAsync);
        group.MapPost("/signout", (HttpContext context) =>
        {
            DashboardSession.SignOut(context);
            return Results.Redirect($"{Root}/signin", permanent: false, preserveMethod: false);
        });
        group.MapContributorPages();
        group.MapOperatorPages();
        return app;
    }

    /// <summary>Why a POST is refused (403 page), or null when it comes from this origin and, once signed in, carries the form's token.</summary>
    private static async Task<IResult?> RefuseAsync(HttpContext context)
    {
        var publicBaseUrl = context.RequestServices.GetRequiredService<IOptions<ServiceOptions>>().Value.PublicBaseUrl!;
        if (!SameOrigin.Check(context.Request, publicBaseUrl, out var refusal))
        {
            return Refused(refusal + " Use the dashboard's own buttons.");
        }

        if (!context.Request.HasFormContentType)
        {
            return Refused("Use the dashboard's own forms.");
        }

        if (context.Request.Path.StartsWithSegments($"{Root}/signin", StringComparison.Ordinal))
        {
            return null; // signing in: no session yet (sign-in, the email link's request and its use)
        }

        var sessions = context.RequestServices.GetRequiredService<DashboardSession>();
        var user = await sessions.ReadAsync(context);
        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        if (user is null && context.Request.Path.Equals($"{Root}/signout", StringComparison.Ordinal))
        {
            return null;
        }

        return user is null
            ? Results.Redirect($"{Root}/signin", permanent: false, preserveMethod: false)
            : sessions.IsValidCsrf(user, form[Html.CsrfField]) ? null : Refused("The form's anti-forgery token is missing or belongs to another session. Reload the page and try again.");
    }

    private static IResult Refused(string why) =>
        Page(StatusCodes.Status403Forbidden, "Request refused", $"<p class=\"notice bad\">{E(why)} Nothing was changed.</p><p><a href=\"{Root}\">Back to the dashboard</a></p>");

    private static async Task<IResult> SignInAsync(HttpContext context, DashboardSession sessions, ContributorStore contributors, IConfiguration configuration)
    {
        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        var key = form["apiKey"].ToString().Trim();
        if (key.Length is 0 or > 200)
        {
            return SignInPage(StatusCodes.Status400BadRequest, "Enter your API key (it starts with mk_), or the operator key.");
        }

        var operatorKey = configuration["Operator:ApiKey"];
        if (!string.IsNullOrEmpty(operatorKey)
            && CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(key)), SHA256.HashData(Encoding.UTF8.GetBytes(operatorKey))))
        {
            sessions.SignIn(context, null);
            return Results.Redirect($"{Root}/operator", permanent: false, preserveMethod: false);
        }

        var grant = await contributors.FindGrantAsync(key, context.RequestAborted);
        if (grant is null)
        {
            return SignInPage(StatusCodes.Status401Unauthorized,
                "That key does not work: it is unknown, expired or revoked. A rotated key stops at the end of its grace period; use the key you rotated to.");
        }

        sessions.SignIn(context, grant);
        return Results.Redirect(Root, permanent: false, preserveMethod: false);
    }

    private static IResult SignInPage(int status, string? problem, string? emailProblem = null) => Page(status, "Sign in",
        (problem is null ? string.Empty : $"<p class=\"notice bad\" role=\"alert\" id=\"problem\">{E(problem)}</p>")
        + $"""
          <p>Sign in with your API key (shown once when your account or key was made). The key is checked and not kept: the
          session cookie holds only which key signed in. The operator signs in with the operator key.</p>
          <form method="post" action="{Root}/signin" class="signin">
          <label for="apiKey">API key</label>
          <input type="password" id="apiKey" name="apiKey" autocomplete="current-password" required autofocus spellcheck="false">
          <p><button type="submit" class="primary">Sign in</button></p></form>
          <h2>Or get a link by email</h2>
          {(emailProblem is null ? string.Empty : $"<p class=\"notice bad\" role=\"alert\" id=\"email-problem\">{E(emailProblem)}</p>")}
          <p>Enter the email address your contributor account was created with. We email a link that signs you in once,
          within {SignInLinks.Lifetime.TotalMinutes:0} minutes.</p>
          <form method="post" action="{Root}/signin/email" class="signin">
          <label for="email">Email address</label>
          <input type="email" id="email" name="email" autocomplete="email" required maxlength="254" spellcheck="false">
          <p><button type="submit">Email me a link</button></p></form>
          """);

    /// <summary>
    /// Emails a single-use sign-in link to each contributor registered under the address. The answer is the same whether
    /// or not any is, so the page never tells who has an account.
    /// </summary>
    private static async Task<IResult> EmailLinkAsync(HttpContext context, SignInLinks links)
    {
        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        var address = form["email"].ToString().Trim();
        if (address.Length is < 3 or > 254 || !address.Contains('@', StringComparison.Ordinal) || address.Any(char.IsControl))
        {
            return SignInPage(StatusCodes.Status400BadRequest, null, "Enter an email address, such as you@example.org.");
        }

        await links.SendAsync(address, context.RequestAborted);
        return Page(StatusCodes.Status200OK, "Check your email", $"""
            <p class="notice" role="status" id="notice">If a contributor account uses that address, a sign-in link is on its way to it.
            The link works once, within {SignInLinks.Lifetime.TotalMinutes:0} minutes.</p>
            <p><a href="{Root}/signin">Back to sign-in</a></p>
            """);
    }

    /// <summary>The page an emailed link opens: a button that uses it (a GET changes nothing, so a mail scanner opening the link does not spend it).</summary>
    private static async Task<IResult> LinkPageAsync(string token, HttpContext context, SignInLinks links) =>
        await links.IsUsableAsync(token, context.RequestAborted)
            ? Page(StatusCodes.Status200OK, "Sign in to the dashboard", $"""
                <p>This link signs you in once. Continue to sign in.</p>
                <form method="post" action="{Root}/signin/link/{Uri.EscapeDataString(token)}"><button type="submit" class="primary" autofocus>Sign in</button></form>
                """)
            : LinkUnusable();

    private static async Task<IResult> UseLinkAsync(string token, HttpContext context, SignInLinks links, DashboardSession sessions)
    {
        if (await links.RedeemAsync(token, context.RequestAborted) is not { } contributorId)
        {
            return LinkUnusable();
        }

        sessions.SignInByLink(context, contributorId);
        return Results.Redirect(Root, permanent: false, preserveMethod: false);
    }

    private static IResult LinkUnusable() => Page(StatusCodes.Status403Forbidden, "This sign-in link cannot be used",
        $"<p class=\"notice bad\" id=\"problem\">The link is unknown, expired or already used: each link signs in once, within {SignInLinks.Lifetime.TotalMinutes:0} minutes.</p>"
        + $"<p><a href=\"{Root}/signin\">Sign in, or ask for a new link</a></p>");

    /// <summary>The navigation of a signed-in user, with the sign-out button.</summary>
    public static string Nav(DashboardUser user, string csrf) => user.IsOperator
        ? $"<a href=\"{Root}/operator\">Operator</a>" + PostButton($"{Root}/signout", csrf, "Sign out")
        : $"<a href=\"{Root}\">Learnings</a><a href=\"{Root}/rewards\">Rewards</a><a href=\"{Root}/keys\">Keys and audit</a>" + PostButton($"{Root}/signout", csrf, "Sign out");

    /// <summary>The signed-in contributor or operator, else a redirect to the sign-in page (or 403 for the wrong kind).</summary>
    public static async Task<(DashboardUser? User, IResult? Otherwise)> RequireAsync(HttpContext context, bool asOperator)
    {
        var user = await context.RequestServices.GetRequiredService<DashboardSession>().ReadAsync(context);
        if (user is null)
        {
            return (null, Results.Redirect($"{Root}/signin", permanent: false, preserveMethod: false));
        }

        if (user.IsOperator != asOperator)
        {
            return (null, Page(StatusCodes.Status403Forbidden, "Not for this key",
                asOperator ? "<p>This page is the operator's. Sign out and sign in with the operator key.</p>"
                           : $"<p>This page is a contributor's. <a href=\"{Root}/operator\">Go to the operator's page</a>.</p>"));
        }

        return (user, null);
    }
}
