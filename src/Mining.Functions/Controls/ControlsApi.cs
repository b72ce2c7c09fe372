using System.Text.Json;
using Microsoft.DurableTask.Client;
using Mining.Functions.Contributors;
using Mining.Functions.Credentials;
using Mining.Functions.Http;
using Mining.Functions.Learnings;
using Mining.Functions.Publishing;
using Mining.Functions.Settings;
using Mining.Functions.Submission;
using Mining.Functions.Webhooks;

namespace Mining.Functions.Controls;

/// <summary>
/// The contributor's controls: settings (a webhook URL must pass <see cref="WebhookUrlPolicy"/>; the first one comes with
/// a signing secret, shown once), the webhook signing secret's rotation, pause and resume, and publishing a LocalOnly learning.
/// </summary>
internal static class ControlsApi
{
    /// <summary>Settings JSON: unknown fields are refused, so a typo never silently resets a control.</summary>
    private static readonly System.Text.Json.JsonSerializerOptions SettingsJson = new(LearningStore.Json)
    {
        UnmappedMemberHandling = System.Text.Json.Serialization.JsonUnmappedMemberHandling.Disallow,
    };

    public static void MapControlsApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/settings", async (HttpContext context, SettingsStore settings) =>
            Results.Json(await settings.GetAsync(ApiAuth.Contributor(context).Id, context.RequestAborted), LearningStore.Json))
            .WithTags("Controls").RequireContributor();
        app.MapPut("/api/settings", PutSettingsAsync).WithTags("Controls").RequireContributor();
        app.MapPost("/api/settings/webhook-secret", RotateWebhookSecretAsync).WithTags("Controls").RequireContributor();
        app.MapPost("/api/uploads/pause", (HttpContext c, SettingsStore s) => PauseAsync(c, s, paused: true))
            .WithTags("Controls").RequireContributor();
        app.MapPost("/api/uploads/resume", (HttpContext c, SettingsStore s) => PauseAsync(c, s, paused: false))
            .WithTags("Controls").RequireContributor();
        app.MapPost("/api/learnings/{id}/publish", PublishAsync).WithTags("Learnings").RequireContributor();
    }

    private static async Task<IResult> PutSettingsAsync(
        HttpContext context, SettingsStore settings, WebhookUrlPolicy webhookPolicy, WebhookSigningSecrets signingSecrets, AuditTrail audit)
    {
        var contributor = ApiAuth.Contributor(context);
        ContributorSettings? updated;
        try
        {
            updated = await context.Request.ReadFromJsonAsync<ContributorSettings>(SettingsJson, context.RequestAborted);
        }
        catch (Exception e) when (e is System.Text.Json.JsonException or InvalidOperationException or BadHttpRequestException)
        {
            return Problems.BadRequest("Send the settings as one JSON object with 'Content-Type: application/json' and only these fields: "
                + "uploadsEnabled, localOnly, paused, approvalTimeout, notificationChannel, webhookUrl.");
        }

        if (updated is null)
        {
            return Problems.BadRequest("Send the settings as one JSON object.");
        }

        var problems = updated.Problems().ToList();
        if (problems.Count > 0)
        {
            return Problems.Create(StatusCodes.Status422UnprocessableEntity, "Invalid settings", string.Join(" ", problems),
                new Dictionary<string, object?> { ["errors"] = problems });
        }

        if (updated.WebhookUrl is { } webhookUrl && await webhookPolicy.CheckUrlAndNameAsync(webhookUrl, context.RequestAborted) is { } refused)
        {
            return Problems.Create(StatusCodes.Status422UnprocessableEntity, "Webhook URL refused", refused.Detail,
                new Dictionary<string, object?> { ["rule"] = refused.Rule, ["errors"] = new[] { $"webhookUrl: {refused.Detail}" } });
        }

        var previous = await settings.GetAsync(contributor.Id, context.RequestAborted);
        await settings.SaveAsync(contributor.Id, updated, context.RequestAborted);
        if (previous.Paused && !updated.Paused)
        {
            await ResumeLearningsAsync(context, contributor.Id);
        }

        var answer = JsonSerializer.SerializeToNode(updated, LearningStore.Json)!.AsObject();
        if (updated.WebhookUrl != previous.WebhookUrl)
        {
            await audit.RecordAsync(contributor.Id, "webhook.url-changed", "contributor", null, ApiAuth.Grant(context).KeyId,
                updated.WebhookUrl is { } url ? $"The webhook now goes to host {url.IdnHost}." : "The webhook URL was removed.", context.RequestAborted);
        }

        if (updated.WebhookUrl is not null && !await signingSecrets.ExistsAsync(contributor.Id, context.RequestAborted)
            && await signingSecrets.RotateAsync(contributor.Id, TimeSpan.Zero, context.RequestAborted) is { } made)
        {
            await audit.RecordAsync(contributor.Id, "webhook.secret-rotated", "contributor", null, ApiAuth.Grant(context).KeyId,
                "The first webhook signing secret was made.", context.RequestAborted);
            answer["webhookSigningSecret"] = made.Secret;
            answer["note"] = "The webhook signing secret is shown once; store it now. Every delivery carries X-Mining-Signature "
                + "(see docs/privacy-controls.md); make a new secret with POST /api/settings/webhook-secret.";
        }

        return Results.Json(answer, LearningStore.Json);
    }

    /// <summary>
    /// A new webhook signing secret, shown once. Body (optional): <c>{"gracePeriod": "01:00:00"}</c> — how long the
    /// previous secret keeps signing beside the new one (00:00:00 to 7.00:00:00, default 1 hour).
    /// </summary>
    private static async Task<IResult> RotateWebhookSecretAsync(HttpContext context, WebhookSigningSecrets signingSecrets, AuditTrail audit)
    {
        var contributor = ApiAuth.Contributor(context);
        var (grace, problem) = await GracePeriod.ReadAsync(context.Request, WebhookSigningSecrets.MaxGrace, context.RequestAborted);
        if (problem is not null)
        {
            return problem;
        }

        if (await signingSecrets.RotateAsync(contributor.Id, grace, context.RequestAborted) is not { } made)
        {
            return Problems.Conflict("Another rotation of your webhook signing secret happened at the same moment; ask again.");
        }

        await audit.RecordAsync(contributor.Id, "webhook.secret-rotated", "contributor", null, ApiAuth.Grant(context).KeyId,
            made.PreviousUntil is { } until ? $"A new webhook signing secret was made; the previous one also signs until {until:u}." : "A new webhook signing secret was made.",
            context.RequestAborted);
        return Results.Json(new
        {
            webhookSigningSecret = made.Secret,
            previousSecretSignsUntil = made.PreviousUntil,
            note = "The webhook signing secret is shown once; store it now. Until previousSecretSignsUntil each delivery carries a v1 signature by each secret.",
        }, LearningStore.Json, statusCode: StatusCodes.Status201Created);
    }

    private static async Task<IResult> PauseAsync(HttpContext context, SettingsStore settings, bool paused)
    {
        var contributor = ApiAuth.Contributor(context);
        var current = await settings.GetAsync(contributor.Id, context.RequestAborted);
        await settings.SaveAsync(contributor.Id, current with { Paused = paused }, context.RequestAborted);
        var resumed = paused ? 0 : await ResumeLearningsAsync(context, contributor.Id);
        return Results.Json(new { paused, resumed });
    }

    /// <summary>Raises "Resume" to each in-flight learning of the contributor; one that is not waiting keeps it and looks again.</summary>
    internal static async Task<int> ResumeLearningsAsync(HttpContext context, string contributorId)
    {
        var learnings = context.RequestServices.GetRequiredService<LearningStore>();
        var durable = context.RequestServices.GetRequiredService<DurableTaskClient>();
        var count = 0;
        string? continuation = null;
        do
        {
            var (items, next) = await learnings.ListAsync(contributorId, null, continuation, 200, context.RequestAborted);
            foreach (var learning in items.Where(l => LearningStore.InFlight.Contains(l.Status)))
            {
                count += await TryResumeAsync(durable, learning.Id, context.RequestAborted) ? 1 : 0;
            }

            continuation = next;
        }
        while (continuation is not null);
        return count;
    }

    /// <summary>Raises "Resume" to a learning's running orchestration; false when it has none (finished, purged, or in another task hub).</summary>
    internal static async Task<bool> TryResumeAsync(DurableTaskClient durable, string learningId, CancellationToken cancellationToken)
    {
        if (await durable.GetInstanceAsync(learningId, cancellationToken) is not { IsRunning: true })
        {
            return false;
        }

        await durable.RaiseEventAsync(learningId, PublishLearning.ResumeEvent, true, cancellationToken);
        return true;
    }

    private static async Task<IResult> PublishAsync(HttpContext context, string id, SubmissionService submissions, LearningStore learnings)
    {
        var contributor = ApiAuth.Contributor(context);
        var learning = LearningIds.IsWellFormed(id) ? await learnings.FindAsync(contributor.Id, id, context.RequestAborted) : null;
        if (learning is null)
        {
            return Problems.NotFound($"You have no learning with id '{Problems.Truncate(id)}'.");
        }

        var started = await submissions.PublishLocalAsync(contributor.Id, id, context.RequestAborted);
        return started is null
            ? Problems.Conflict(learning.Status == LearningStatus.LocalOnly
                ? "Uploads are off or local-only mode is on: turn uploads on (and local-only off) in /api/settings first."
                : $"Only a LocalOnly learning can be published this way; this one is {learning.Status}.")
            : Results.Json(started, LearningStore.Json, statusCode: StatusCodes.Status202Accepted);
    }
}
