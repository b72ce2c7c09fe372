using System.Security.Cryptography;
using System.Text;
using Microsoft.DurableTask.Client;
using Mining.Functions.Contributors;
using Mining.Functions.Controls;
using Mining.Functions.Learnings;
using Mining.Functions.Operations;

namespace Mining.Functions.Api;

/// <summary>
/// Operator endpoints (operator key, setting <c>Operator__ApiKey</c>): creating contributors, the alerts raised, and
/// the operator-wide pause of uploads.
/// </summary>
internal static class OperatorApi
{
    public static void MapOperatorApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/contributors", CreateAsync).WithTags("Operator").RequireOperator();
        app.MapGet("/api/alerts", async (OperatorAlerts alerts, CancellationToken ct) => Results.Json(new { items = await alerts.ListAsync(ct) }))
            .WithTags("Operator").RequireOperator();
        app.MapPost("/api/operator/uploads/pause", (HttpContext c, SettingsStore s) => PauseAsync(c, s, paused: true))
            .WithTags("Operator").RequireOperator();
        app.MapPost("/api/operator/uploads/resume", (HttpContext c, SettingsStore s) => PauseAsync(c, s, paused: false))
            .WithTags("Operator").RequireOperator();
    }

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

    /// <summary>Operator-wide pause: no learning of any contributor starts a new step; resume wakes every in-flight one.</summary>
    private static async Task<IResult> PauseAsync(HttpContext context, SettingsStore settings, bool paused)
    {
        await settings.SetOperatorPauseAsync(paused, context.RequestAborted);
        var resumed = 0;
        if (!paused)
        {
            var learnings = context.RequestServices.GetRequiredService<LearningStore>();
            var durable = context.RequestServices.GetRequiredService<DurableTaskClient>();
            await foreach (var learning in learnings.InFlightAsync(context.RequestAborted))
            {
                resumed += await ControlsApi.TryResumeAsync(durable, learning.Id, context.RequestAborted) ? 1 : 0;
            }
        }

        return Results.Json(new { pausedByOperator = paused, resumed });
    }

    private sealed record NewContributor(string? Name, string? Email, string? RewardAddress);
}
