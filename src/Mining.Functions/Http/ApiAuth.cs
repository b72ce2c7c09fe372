using System.Security.Cryptography;
using System.Text;
using Mining.Functions.Contributors;

namespace Mining.Functions.Http;

/// <summary>API keys on requests: <c>X-Api-Key: mk_…</c> or <c>Authorization: Bearer mk_…</c>.</summary>
internal static class ApiAuth
{
    private const string GrantItem = "contributor-key";

    public static string? KeyOf(HttpRequest request)
    {
        if (request.Headers.TryGetValue("X-Api-Key", out var key) && key.Count == 1 && !string.IsNullOrEmpty(key[0]))
        {
            return key[0];
        }

        var authorization = request.Headers.Authorization.ToString();
        return authorization.StartsWith("Bearer ", StringComparison.Ordinal) ? authorization["Bearer ".Length..].Trim() : null;
    }

    /// <summary>
    /// Requires a contributor's working key (not expired, not revoked); the contributor is then
    /// <see cref="Contributor(HttpContext)"/> and the key <see cref="Grant(HttpContext)"/>, and the key's last use is recorded.
    /// </summary>
    public static RouteHandlerBuilder RequireContributor(this RouteHandlerBuilder builder) =>
        builder.AddEndpointFilter(async (context, next) =>
        {
            var http = context.HttpContext;
            var key = KeyOf(http.Request);
            var store = http.RequestServices.GetRequiredService<ContributorStore>();
            var grant = key is { Length: > 0 and < 200 } ? await store.FindGrantAsync(key, http.RequestAborted) : null;
            if (grant is null)
            {
                return Problems.Unauthorized("A working contributor API key is required: send it as 'X-Api-Key: mk_…' or 'Authorization: Bearer mk_…'. "
                    + "A rotated key stops at the end of its grace period and a revoked key at once; use the key you rotated to.");
            }

            http.Items[GrantItem] = grant;
            await http.RequestServices.GetRequiredService<ContributorKeys>().TouchAsync(grant, key!, http.RequestAborted);
            return await next(context);
        });

    public static Contributor Contributor(HttpContext context) => Grant(context).Contributor;

    /// <summary>The key that authenticated the request.</summary>
    public static KeyGrant Grant(HttpContext context) => (KeyGrant)context.Items[GrantItem]!;

    /// <summary>Requires the operator's key (setting <c>Operator__ApiKey</c>; without it every operator call is refused).</summary>
    public static RouteHandlerBuilder RequireOperator(this RouteHandlerBuilder builder) =>
        builder.AddEndpointFilter(async (context, next) =>
        {
            var expected = context.HttpContext.RequestServices.GetRequiredService<IConfiguration>()["Operator:ApiKey"];
            var key = ApiAuth.KeyOf(context.HttpContext.Request);
            if (string.IsNullOrEmpty(expected) || key is null
                || !CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(key)), SHA256.HashData(Encoding.UTF8.GetBytes(expected))))
            {
                return Problems.Unauthorized("The operator API key is required (setting Operator__ApiKey).");
            }

            return await next(context);
        });
}
