using Microsoft.DurableTask.Client;
using Mining.Functions.Contributors;
using Mining.Functions.Controls;
using Mining.Functions.Http;
using Mining.Functions.Learnings;
using Mining.Functions.Operations;
using Mining.Functions.Settings;

namespace Mining.Functions.Operator;

/// <summary>
/// Operator endpoints (operator key, setting <c>Operator__ApiKey</c>): creating contributors, listing and revoking any
/// contributor's API keys (recorded in that contributor's audit trail), the alerts raised, and the operator-wide pause of uploads.
/// </summary>
internal static class OperatorApi
{
    public static void MapOperatorApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/contributors", CreateAsync).WithTags("Operator").RequireOperator();
        app.MapGet("/api/contributors/{id}/keys", ListKeysAsync).WithTags("Operator").RequireOperator();
        app.MapDelete("/api/contributors/{id}/keys/{keyId}", RevokeKeyAsync).WithTags("Operator").RequireOperator();
        app.MapGet("/api/alerts", async (OperatorAlerts alerts, CancellationToken ct) => Results.Json(new { items = await alerts.ListAsync(ct) }))
            .WithTags("Operator").RequireOperator();
        app.MapPost("/api/operator/uploads/pause", (HttpContext c, SettingsStore s) => PauseAsync(c, s, paused: true))
            .WithTags("Operator").RequireOperator();
        app.MapPost("/api/operator/uploads/resume", (HttpContext c, SettingsStore s) => PauseAsync(c, s, paused: false))
            .WithTags("Operator").RequireOperator();
    }

    private static async Task<IResult> CreateAsync(NewContributor? body, ContributorStore contributors, CancellationToken cancellationToken)
    {
        if (body is null || string.IsNullOrWhiteSpace(body.Name) || body.Email is null || !body.Email.Contains('@', StringComparison.Ordinal)
            || !Mining.Ethereum.Address.TryParse(body.RewardAddress, out var address))
        {
            return Problems.Create(StatusCodes.Status422UnprocessableEntity, "Invalid contributor",
                "Send JSON with name, email (an address with @) and rewardAddress (a 0x-prefixed 20-byte EVM address).");
        }

        var (contributor, apiKey) = await contributors.CreateAsync(body.Name, body.Email, address.ToString(), cancellationToken);
        return Results.Json(new { contributor, apiKey, note = "The API key is shown once; store it now." }, statusCode: StatusCodes.Status201Created);
    }

    private static async Task<IResult> ListKeysAsync(string id, ContributorStore contributors, ContributorKeys keys, CancellationToken cancellationToken) =>
        IsWellFormedContributorId(id) && await contributors.FindAsync(id, cancellationToken) is not null
            ? Results.Json(new { items = await keys.ListAsync(id, cancellationToken) }, LearningStore.Json)
            : Problems.NotFound($"There is no contributor '{Problems.Truncate(id)}'.");

    /// <summary>Revokes a contributor's key at once; an optional body <c>{"reason": "…"}</c> (at most 500 characters) goes into its audit trail.</summary>
    private static async Task<IResult> RevokeKeyAsync(HttpContext context, string id, string keyId, ContributorStore contributors, ContributorKeys keys)
    {
        var body = await RequestBody.ReadAsync(context.Request, 4096, context.RequestAborted);
        string? reason = null;
        if (body is null)
        {
            return Problems.Create(StatusCodes.Status413PayloadTooLarge, "Body too large", "Send no body or {\"reason\": \"…\"} of at most 500 characters.");
        }

        if (body.Length > 0)
        {
            try
            {
                reason = System.Text.Json.JsonSerializer.Deserialize<RevocationBody>(body, RevocationJson)?.Reason;
            }
            catch (System.Text.Json.JsonException)
            {
                return Problems.BadRequest("Send no body or one JSON object {\"reason\": \"…\"}.");
            }

            if (reason is { Length: > 500 } || reason?.Any(char.IsControl) == true)
            {
                return Problems.Create(StatusCodes.Status422UnprocessableEntity, "Invalid reason", "reason must be one line of at most 500 characters.");
            }
        }

        if (!IsWellFormedContributorId(id) || await contributors.FindAsync(id, context.RequestAborted) is null)
        {
            return Problems.NotFound($"There is no contributor '{Problems.Truncate(id)}'.");
        }

        var revoked = ApiKeys.IsWellFormedId(keyId) ? await keys.RevokeAsync(id, keyId, "operator", null, reason, context.RequestAborted) : null;
        return revoked is { } done
            ? Results.Json(new { key = done.Key, alreadyRevoked = done.AlreadyRevoked }, LearningStore.Json)
            : Problems.NotFound($"Contributor '{id}' has no API key '{Problems.Truncate(keyId)}'; GET /api/contributors/{id}/keys lists them.");
    }

    private static bool IsWellFormedContributorId(string id) =>
        id.Length is > 0 and <= 64 && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-');

    private static readonly System.Text.Json.JsonSerializerOptions RevocationJson = new(System.Text.Json.JsonSerializerDefaults.Web)
    {
        UnmappedMemberHandling = System.Text.Json.Serialization.JsonUnmappedMemberHandling.Disallow,
    };

    private sealed record RevocationBody(string? Reason);

    private static async Task<IResult> PauseAsync(HttpContext context, SettingsStore settings, bool paused)
    {
        var resumed = await SetPauseAsync(context.RequestServices, settings, paused, context.RequestAborted);
        return Results.Json(new { pausedByOperator = paused, resumed });
    }

    /// <summary>
    /// Operator-wide pause: no learning of any contributor starts a new step; resume wakes every in-flight one. Returns
    /// how many were woken (the API and the dashboard's operator page both change it here).
    /// </summary>
    internal static async Task<int> SetPauseAsync(IServiceProvider services, SettingsStore settings, bool paused, CancellationToken cancellationToken)
    {
        await settings.SetOperatorPauseAsync(paused, cancellationToken);
        var resumed = 0;
        if (!paused)
        {
            var learnings = services.GetRequiredService<LearningStore>();
            var durable = services.GetRequiredService<DurableTaskClient>();
            await foreach (var learning in learnings.InFlightAsync(cancellationToken))
            {
                resumed += await ControlsApi.TryResumeAsync(durable, learning.Id, cancellationToken) ? 1 : 0;
            }
        }

        return resumed;
    }

    private sealed record NewContributor(string? Name, string? Email, string? RewardAddress);
}
