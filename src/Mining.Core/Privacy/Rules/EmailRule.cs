using System.Text.RegularExpressions;

namespace Mining.Core.Privacy.Rules;

/// <summary>Email addresses, except documentation domains, <c>git@host</c> SSH remotes and no-reply senders.</summary>
internal sealed partial class EmailRule(IReadOnlyList<string> allowedDomains) : IPrivacyRule
{
    public const string Id = "email-address";

    private static readonly string[] NonPersonalLocalParts = ["git", "noreply", "no-reply", "donotreply", "do-not-reply"];

    private static readonly string[] FileExtensions =
        ["png", "jpg", "jpeg", "gif", "svg", "webp", "ico", "js", "ts", "mjs", "json", "css", "html", "md", "txt", "cs", "py", "dll", "exe", "zip", "tgz"];

    public IReadOnlyList<string> RuleIds { get; } = [Id];

    public void Find(string text, List<RuleMatch> matches)
    {
        var at = text.IndexOf('@', StringComparison.Ordinal);
        if (at < 0)
        {
            return;
        }

        foreach (Match match in Address().Matches(text, Math.Max(0, at - 64)))
        {
            var local = match.Groups["local"].Value;
            var domain = match.Groups["domain"].Value;
            var tld = domain[(domain.LastIndexOf('.') + 1)..];
            if (NonPersonalLocalParts.Contains(local, StringComparer.OrdinalIgnoreCase)
                || FileExtensions.Contains(tld, StringComparer.OrdinalIgnoreCase)
                || allowedDomains.Any(d => domain.Equals(d, StringComparison.OrdinalIgnoreCase) || domain.EndsWith("." + d, StringComparison.OrdinalIgnoreCase)))
            {
                continue;
            }

            matches.Add(new RuleMatch(Id, match.Index, match.Length));
        }
    }

    [GeneratedRegex(@"(?<![A-Za-z0-9._%+-])(?<local>[A-Za-z0-9._%+-]{1,64})@(?<domain>[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}[A-Za-z0-9])?)*\.[A-Za-z]{2,24})(?![A-Za-z0-9-])", RegexOptions.CultureInvariant)]
    private static partial Regex Address();
}
