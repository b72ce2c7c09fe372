using System.Text.RegularExpressions;

namespace Mining.Core.Privacy.Rules;

/// <summary>Slack and Discord tokens and incoming-webhook URLs.</summary>
internal sealed partial class ChatTokenRule : IPrivacyRule
{
    public const string SlackTokenId = "slack-token";
    public const string SlackWebhookId = "slack-webhook";
    public const string DiscordTokenId = "discord-token";
    public const string DiscordWebhookId = "discord-webhook";

    public IReadOnlyList<string> RuleIds { get; } = [SlackTokenId, SlackWebhookId, DiscordTokenId, DiscordWebhookId];

    public void Find(string text, List<RuleMatch> matches)
    {
        RegexRule.AddWholeMatches(SlackToken(), SlackTokenId, text, matches);
        RegexRule.AddWholeMatches(SlackWebhook(), SlackWebhookId, text, matches);
        RegexRule.AddWholeMatches(DiscordToken(), DiscordTokenId, text, matches);
        RegexRule.AddWholeMatches(DiscordWebhook(), DiscordWebhookId, text, matches);
    }

    [GeneratedRegex("(?<![A-Za-z0-9])(?:xox[abposre]-[0-9A-Za-z-]{10,}|xapp-[0-9]-[A-Z0-9]+-[0-9]+-[a-z0-9]+)", RegexOptions.CultureInvariant)]
    private static partial Regex SlackToken();

    [GeneratedRegex("https://hooks\\.slack\\.com/(?:services|workflows|triggers)/[A-Za-z0-9/_-]{20,}", RegexOptions.CultureInvariant)]
    private static partial Regex SlackWebhook();

    [GeneratedRegex("(?<![A-Za-z0-9_-])[MNO][A-Za-z0-9_-]{23,25}\\.[A-Za-z0-9_-]{6}\\.[A-Za-z0-9_-]{27,38}(?![A-Za-z0-9_-])", RegexOptions.CultureInvariant)]
    private static partial Regex DiscordToken();

    [GeneratedRegex("https://(?:(?:canary|ptb)\\.)?discord(?:app)?\\.com/api/webhooks/[0-9]{5,}/[A-Za-z0-9_-]{30,}", RegexOptions.CultureInvariant)]
    private static partial Regex DiscordWebhook();
}
