using Mining.Functions.Contributors;

namespace Mining.Functions.Api;

/// <summary>API keys on requests: <c>X-Api-Key: mk_…</c> or <c>Authorization: Bearer mk_…</c>.</summary>
internal static class ApiAuth
{
    private const string ContributorItem = "contributor";

    public static string? KeyOf(HttpRequest request)
    {
        if (request.Headers.TryGetValue("X-Api-Key", out var key) && key.Count == 1 && !string.IsNullOrEmpty(key[0]))
        {
            return key[0];
        }

        var authorization = request.Headers.Authorization.ToString();
        return authorization.StartsWith("Bearer ", StringComparison.Ordinal) ? authorization["Bearer ".Length..].Trim() : null;
    }

    /// <summary>Requires a contributor's key; the contributor is then <see cref="Contributor(HttpContext)"/>.</summary>
    public static RouteHandlerBuilder RequireContributor(this RouteHandlerBuilder builder) =>
        builder.AddEndpointFilter(async (context, next) =>
        {
            var key = KeyOf(context.HttpContext.Request);
            var store = context.HttpContext.RequestServices.GetRequiredService<ContributorStore>();
            var contributor = key is { Length: > 0 and < 200 } ? await store.FindByApiKeyAsync(key, context.HttpContext.RequestAborted) : null;
            if (contributor is null)
            {
                return Problems.Unauthorized("A contributor API key is required: send it as 'X-Api-Key: mk_…' or 'Authorization: Bearer mk_…'.");
            }

            context.HttpContext.Items[ContributorItem] = contributor;
            return await next(context);
        });

    public static Contributor Contributor(HttpContext context) => (Contributor)context.Items[ContributorItem]!;
}
