using Mining.Functions.Controls;

namespace Mining.Functions.Notifications;

/// <summary>
/// Sends an approval request on the contributor's channel: <c>email</c> (SMTP), <c>webhook</c> (a JSON POST to
/// the contributor's URL) or <c>console</c> (the request written to a 0600 file in <c>Notifications__OutboxDirectory</c>;
/// only the file's path is logged, never the link, which carries a secret token).
/// </summary>
internal sealed class ApprovalNotifier(EmailNotifier email, IHttpClientFactory http, IConfiguration configuration, ILogger<ApprovalNotifier> logger)
{
    public async Task SendAsync(ContributorSettings settings, string emailAddress, ApprovalRequest request, CancellationToken cancellationToken)
    {
        switch (settings.NotificationChannel)
        {
            case "webhook":
                using (var client = http.CreateClient("webhook"))
                using (var response = await client.PostAsJsonAsync(settings.WebhookUrl!, request, cancellationToken))
                {
                    response.EnsureSuccessStatusCode();
                }

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

                Hosting.Log.ApprovalInOutbox(logger, request.LearningId, request.Cid, file);
                break;
            default:
                await email.SendApprovalRequestAsync(emailAddress, request, cancellationToken);
                break;
        }
    }
}
