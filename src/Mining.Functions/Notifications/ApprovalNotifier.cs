using System.Text.Json;
using Mining.Functions.Learnings;
using Mining.Functions.Logging;
using Mining.Functions.Settings;
using Mining.Functions.Webhooks;

namespace Mining.Functions.Notifications;

/// <summary>
/// Sends an approval request on the contributor's channel: <c>email</c> (SMTP), <c>webhook</c> (a signed JSON POST to
/// the contributor's URL through <see cref="WebhookDelivery"/>) or <c>console</c> (the request written to a 0600 file in
/// <c>Notifications__OutboxDirectory</c>; only the file's path is logged, never the link, which carries a secret token).
/// A webhook delivery that is refused or fails never fails the step: its outcome is recorded on the learning
/// (<see cref="LearningRecord.Webhook"/>) and the request goes by email, saying why.
/// </summary>
internal sealed class ApprovalNotifier(
    EmailNotifier email, WebhookDelivery webhooks, LearningStore learnings, IConfiguration configuration, TimeProvider time, ILogger<ApprovalNotifier> logger)
{
    /// <summary>The <c>X-Mining-Event</c> of an approval request.</summary>
    public const string ApprovalRequestedEvent = "approval.requested";

    public async Task SendAsync(ContributorSettings settings, string emailAddress, ApprovalRequest request, CancellationToken cancellationToken)
    {
        switch (settings.NotificationChannel)
        {
            case "webhook":
                await SendByWebhookAsync(settings, emailAddress, request, cancellationToken);
                break;
            case "console":
                var outbox = Directory.CreateDirectory(
                    configuration["Notifications:OutboxDirectory"] ?? Path.Combine(Path.GetTempPath(), "mining-outbox")).FullName;
                var file = Path.Combine(outbox, request.LearningId + ".txt");
                var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
                if (!OperatingSystem.IsWindows())
                {
                    options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
                }

                await using (var writer = new StreamWriter(file, options))
                {
                    await writer.WriteLineAsync($"Approve or reject learning {request.LearningId} ({request.Title}), CID {request.Cid}, before {request.ExpiresAt:u}:");
                    await writer.WriteLineAsync(request.ApprovalUrl.ToString());
                }

                Log.ApprovalInOutbox(logger, request.LearningId, request.Cid, file);
                break;
            default:
                await email.SendApprovalRequestAsync(emailAddress, request, null, cancellationToken);
                break;
        }
    }

    private async Task SendByWebhookAsync(ContributorSettings settings, string emailAddress, ApprovalRequest request, CancellationToken cancellationToken)
    {
        var outcome = settings is { ContributorId: { } contributorId, WebhookUrl: { } url }
            ? await webhooks.DeliverAsync(contributorId, request.LearningId, url, ApprovalRequestedEvent,
                JsonSerializer.SerializeToUtf8Bytes(request, JsonSerializerOptions.Web), cancellationToken)
            : new WebhookOutcome("refused", "webhook-url", null, "No webhook URL is set; set webhookUrl in /api/settings.");
        if (settings.ContributorId is { } id)
        {
            var info = new WebhookDeliveryInfo(outcome.Outcome, outcome.Rule, outcome.Status, outcome.Detail, time.GetUtcNow(), !outcome.Delivered);
            await learnings.UpdateAsync(id, request.LearningId, r => r with { Webhook = info }, cancellationToken);
        }

        if (!outcome.Delivered)
        {
            await email.SendApprovalRequestAsync(emailAddress, request,
                $"This approval request comes by email because your webhook was not used ({outcome.Outcome}, {outcome.Rule}): {outcome.Detail}",
                cancellationToken);
        }
    }
}
