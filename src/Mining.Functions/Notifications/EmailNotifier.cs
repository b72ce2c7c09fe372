using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;
using Mining.Functions.Logging;
using Mining.Functions.Options;

namespace Mining.Functions.Notifications;

/// <summary>Sends approval requests and operator alerts by email over SMTP (maildev locally).</summary>
internal sealed class EmailNotifier(IOptions<SmtpOptions> options, ILogger<EmailNotifier> logger)
{
    /// <summary>The approval request by email; <paramref name="notice"/>, when given, opens the text (why it came by email).</summary>
    public async Task SendApprovalRequestAsync(string to, ApprovalRequest request, string? notice, CancellationToken cancellationToken)
    {
        var smtp = options.Value;
        using var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse(smtp.From));
        message.To.Add(MailboxAddress.Parse(to));
        message.Subject = $"Approve publishing \"{request.Title}\"?";
        message.Body = new TextPart("plain")
        {
            Text = (notice is null ? string.Empty : notice + "\n\n") + $"""
                A learning is ready to be published to IPFS and anchored on chain. Nothing leaves the service until you approve it.

                Title:   {request.Title}
                CID:     {request.Cid}
                Decide before {request.ExpiresAt:u}; without a decision nothing is published.

                Review the exact bytes and approve or reject here:
                {request.ApprovalUrl}

                Publishing is permanent: a CID anchored on chain cannot be taken back.
                """,
        };

        await SendAsync(message, cancellationToken);
        Log.ApprovalRequested(logger, request.LearningId, request.Cid);
    }

    /// <summary>A plain-text email (operator alerts).</summary>
    public async Task SendAsync(string to, string subject, string text, CancellationToken cancellationToken)
    {
        using var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse(options.Value.From));
        message.To.Add(MailboxAddress.Parse(to));
        message.Subject = subject;
        message.Body = new TextPart("plain") { Text = text };
        await SendAsync(message, cancellationToken);
    }

    private async Task SendAsync(MimeMessage message, CancellationToken cancellationToken)
    {
        var smtp = options.Value;
        using var client = new SmtpClient();
        await client.ConnectAsync(smtp.Host!, smtp.Port, smtp.UseTls ? SecureSocketOptions.StartTls : SecureSocketOptions.None, cancellationToken);
        await client.SendAsync(message, cancellationToken);
        await client.DisconnectAsync(quit: true, cancellationToken);
    }
}
