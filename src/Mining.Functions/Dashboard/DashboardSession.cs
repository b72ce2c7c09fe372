using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Mining.Functions.Contributors;
using Mining.Functions.Storage;

namespace Mining.Functions.Dashboard;

/// <summary>Who a dashboard session belongs to: a contributor (by the key it signed in with) or the operator.</summary>
internal sealed record DashboardUser(bool IsOperator, string? ContributorId, string Key, string SessionId, DateTimeOffset ExpiresAt);

/// <summary>
/// Dashboard sessions: a cookie (<c>HttpOnly; Secure; SameSite=Strict</c>, path <c>/dashboard</c>) holding who signed in,
/// with which key (a contributor's key id, or a digest of the operator key), a random session id and the expiry, signed
/// with HMAC-SHA256 under the service's approval signing key. No API key is ever put in it. The anti-forgery token of
/// every form is an HMAC of the session id.
/// </summary>
/// <remarks>
/// Stateless, so every instance of the app reads the same sessions. Each request checks again that the key still works:
/// a revoked or expired contributor key, or a changed operator key, ends the session at once.
/// </remarks>
internal sealed class DashboardSession(
    ApprovalKey signingKey, IOptions<DashboardOptions> options, ContributorKeys keys, IConfiguration configuration, TimeProvider time)
{
    public const string CookieName = "mining_session";

    /// <summary>The key of a session signed in by an email link (no key id starts with it).</summary>
    public const string LinkKey = "email-link";
    private const string UserItem = "dashboard-user";

    /// <summary>Signs in: sets the session cookie for the operator or for the contributor's key; the rest of this request sees the new session.</summary>
    public DashboardUser SignIn(HttpContext context, KeyGrant? contributor) => Start(context, new DashboardUser(
        contributor is null,
        contributor?.Contributor.Id,
        contributor?.KeyId ?? OperatorDigest(configuration["Operator:ApiKey"]!),
        Base64Url(RandomNumberGenerator.GetBytes(16)),
        time.GetUtcNow() + options.Value.SessionLifetime));

    /// <summary>
    /// Signs a contributor in by a single-use email link: the session holds no key id but <see cref="LinkKey"/>, and lasts
    /// while the contributor holds a working key (revoking all of them ends it).
    /// </summary>
    public DashboardUser SignInByLink(HttpContext context, string contributorId) => Start(context, new DashboardUser(
        false, contributorId, LinkKey, Base64Url(RandomNumberGenerator.GetBytes(16)), time.GetUtcNow() + options.Value.SessionLifetime));

    private DashboardUser Start(HttpContext context, DashboardUser user)
    {
        var payload = Base64Url(JsonSerializer.SerializeToUtf8Bytes(user));
        context.Response.Cookies.Append(CookieName, payload + "." + Sign("session", payload), Cookie(user.ExpiresAt));
        context.Items[UserItem] = user;
        return user;
    }

    public static void SignOut(HttpContext context) => context.Response.Cookies.Delete(CookieName, Cookie(null));

    /// <summary>The signed-in user of this request, or null (no cookie, a forged or expired one, or a key that stopped working).</summary>
    public async Task<DashboardUser?> ReadAsync(HttpContext context)
    {
        if (context.Items.TryGetValue(UserItem, out var known))
        {
            return known as DashboardUser;
        }

        var user = await VerifyAsync(context.Request.Cookies[CookieName], context.RequestAborted);
        context.Items[UserItem] = user;
        return user;
    }

    /// <summary>The anti-forgery token of the user's forms.</summary>
    public string CsrfToken(DashboardUser user) => Sign("csrf", user.SessionId);

    public bool IsValidCsrf(DashboardUser user, string? token) =>
        token is { Length: > 0 and < 200 }
        && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(token), Encoding.ASCII.GetBytes(CsrfToken(user)));

    public static string OperatorDigest(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes("dashboard-operator\n" + key)))[..32];

    private async Task<DashboardUser?> VerifyAsync(string? cookie, CancellationToken cancellationToken)
    {
        if (cookie is not { Length: > 0 and < 1024 } || cookie.Split('.') is not [var payload, var signature]
            || !CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(signature), Encoding.ASCII.GetBytes(Sign("session", payload))))
        {
            return null;
        }

        DashboardUser? user;
        try
        {
            user = JsonSerializer.Deserialize<DashboardUser>(FromBase64Url(payload));
        }
        catch (Exception e) when (e is JsonException or FormatException)
        {
            return null;
        }

        if (user is null || user.ExpiresAt <= time.GetUtcNow())
        {
            return null;
        }

        if (user.IsOperator)
        {
            var expected = configuration["Operator:ApiKey"];
            return !string.IsNullOrEmpty(expected) && user.Key == OperatorDigest(expected) ? user : null;
        }

        var working = (await keys.ListAsync(user.ContributorId!, cancellationToken))
            .Any(k => (user.Key == LinkKey || k.Id == user.Key) && k.State is "active" or "expiring");
        return working ? user : null;
    }

    private static CookieOptions Cookie(DateTimeOffset? expires) => new()
    {
        HttpOnly = true,
        Secure = true,
        SameSite = SameSiteMode.Strict,
        Path = "/dashboard",
        Expires = expires,
        IsEssential = true,
    };

    private string Sign(string purpose, string value) =>
        Base64Url(HMACSHA256.HashData(signingKey.Bytes, Encoding.UTF8.GetBytes($"dashboard-{purpose}\n{value}")));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static byte[] FromBase64Url(string text)
    {
        var padded = text.Replace('-', '+').Replace('_', '/');
        return Convert.FromBase64String(padded + new string('=', (4 - padded.Length % 4) % 4));
    }
}
