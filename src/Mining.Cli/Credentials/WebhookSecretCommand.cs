using System.CommandLine;
using Mining.Cli.Learnings;
using Mining.Cli.Service;

namespace Mining.Cli.Credentials;

/// <summary><c>mining webhook-secret rotate</c> (contributor key): a new webhook signing secret, shown once.</summary>
internal static class WebhookSecretCommand
{
    public static Command Create() => new("webhook-secret", "Your webhook signing secret (see docs/privacy-controls.md).") { Rotate() };

    private static Command Rotate()
    {
        var grace = GracePeriodOption.Create("secret (it also signs each delivery meanwhile)");
        return ServiceCommand.Create("rotate", "Make a new webhook signing secret; it is shown once. The previous one also signs for the grace period.",
            async (parseResult, api, json, cancellationToken) =>
            {
                var made = await api.SendJsonAsync(HttpMethod.Post, "api/settings/webhook-secret", GracePeriodOption.Body(parseResult.GetValue(grace)), cancellationToken);
                if (!json)
                {
                    Console.Out.WriteLine("New webhook signing secret (shown once, store it now where your webhook receiver checks X-Mining-Signature):");
                    Console.Out.WriteLine(LearningView.Text(made, "webhookSigningSecret"));
                    Console.Out.WriteLine(KeyLines.Date(made, "previousSecretSignsUntil") is { } until
                        ? $"Until {until} each delivery is also signed with the previous secret."
                        : "The previous secret (if any) no longer signs.");
                }

                return made;
            }, grace);
    }
}
