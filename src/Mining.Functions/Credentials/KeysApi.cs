using Mining.Functions.Contributors;
using Mining.Functions.Http;
using Mining.Functions.Learnings;

namespace Mining.Functions.Credentials;

/// <summary>
/// A contributor's own API keys and audit trail (contributor key): list, rotate, revoke, and read every change.
/// A new key is shown once; listings show a key's id and prefix, never the key.
/// </summary>
internal static class KeysApi
{
    public static void MapKeysApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/keys", ListAsync).WithTags("Keys").RequireContributor();
        app.MapPost("/api/keys/rotate", RotateAsync).WithTags("Keys").RequireContributor();
        app.MapDelete("/api/keys/{keyId}", RevokeAsync).WithTags("Keys").RequireContributor();
        app.MapGet("/api/audit", AuditAsync).WithTags("Keys").RequireContributor();
    }

    private static async Task<IResult> ListAsync(HttpContext context, ContributorKeys keys)
    {
        var grant = ApiAuth.Grant(context);
        var items = await keys.ListAsync(grant.Contributor.Id, context.RequestAborted);
        return Results.Json(new { items = items.Select(k => new { key = k, current = k.Id == grant.KeyId }) }, LearningStore.Json);
    }

    private static async Task<IResult> RotateAsync(HttpContext context, ContributorKeys keys)
    {
        var (grace, problem) = await GracePeriod.ReadAsync(context.Request, ContributorKeys.MaxGrace, context.RequestAborted);
        if (problem is not null)
        {
            return problem;
        }

        if (await keys.RotateAsync(ApiAuth.Grant(context), grace, context.RequestAborted) is not { } rotated)
        {
            return Problems.Conflict($"You hold {ContributorKeys.MaxWorkingKeys} working keys already: revoke one (DELETE /api/keys/{{keyId}}) before rotating again.");
        }

        return Results.Json(new
        {
            apiKey = rotated.ApiKey,
            key = rotated.Key,
            previousKey = rotated.Previous,
            note = $"The new API key is shown once; store it now. The key you rotated from works until {rotated.Previous.ExpiresAt:u}, then stops.",
        }, LearningStore.Json, statusCode: StatusCodes.Status201Created);
    }

    private static async Task<IResult> RevokeAsync(HttpContext context, string keyId, ContributorKeys keys)
    {
        var grant = ApiAuth.Grant(context);
        var revoked = ApiKeys.IsWellFormedId(keyId)
            ? await keys.RevokeAsync(grant.Contributor.Id, keyId, "contributor", grant.KeyId, null, context.RequestAborted)
            : null;
        return revoked is { } done
            ? Results.Json(new { key = done.Key, alreadyRevoked = done.AlreadyRevoked }, LearningStore.Json)
            : Problems.NotFound($"You have no API key with id '{Problems.Truncate(keyId)}'; GET /api/keys lists yours.");
    }

    private static async Task<IResult> AuditAsync(HttpContext context, AuditTrail audit, ContinuationTokens tokens, string? continuation)
    {
        var contributorId = ApiAuth.Contributor(context).Id;
        string? token = null;
        if (continuation is not null && (continuation.Length > 2048 || !tokens.TryUnprotect(contributorId, continuation, out token)))
        {
            return Problems.BadRequest("The continuation token is not one this service issued to you; start again without it.");
        }

        var (items, next) = await audit.ListAsync(contributorId, token, 100, context.RequestAborted);
        return Results.Json(new { items, continuation = tokens.Protect(contributorId, next) }, LearningStore.Json);
    }
}
