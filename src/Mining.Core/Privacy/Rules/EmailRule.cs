using System.Buffers;
using System.Text.RegularExpressions;

namespace Mining.Core.Privacy.Rules;

/// <summary>Email addresses, except documentation domains, <c>git@host</c> SSH remotes, no-reply senders and <c>name@2x.png</c> assets.</summary>
internal sealed partial class EmailRule(IReadOnlyList<string> allowedDomains) : IPrivacyRule
{
    public const string Id = "email-address";

    private static readonly SearchValues<char> LocalChars = SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._%+-");

    private static readonly SearchValues<char> DomainChars = SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789.-");

    private static readonly string[] NonPersonalLocalParts = ["git", "noreply", "no-reply", "donotreply", "do-not-reply"];

    private static readonly string[] FileExtensions =
        ["png", "jpg", "jpeg", "gif", "svg", "webp", "ico", "js", "ts", "mjs", "json", "css", "html", "md", "txt", "cs", "py", "dll", "exe", "zip", "tgz"];

    public IReadOnlyList<string> RuleIds { get; } = [Id];

    public void Find(string text, List<RuleMatch> matches)
    {
        var at = text.IndexOf('@', StringComparison.Ordinal);
        while (at >= 0)
        {
            var localStart = TokenRuns.RunStartBefore(text, at, LocalChars, 64);
            var domainEnd = TokenRuns.RunEndFrom(text, at + 1, DomainChars);
            while (domainEnd > at + 1 && text[domainEnd - 1] is '.' or '-')
            {
                domainEnd--;
            }

            if (localStart < at && domainEnd > at + 1 && !TokenRuns.IsAt(text, localStart - 1, LocalChars))
            {
                var local = text.AsSpan(localStart, at - localStart);
                var domain = text.AsSpan(at + 1, domainEnd - at - 1);
                if (Domain().IsMatch(domain) && IsPersonal(local, domain))
                {
                    matches.Add(new RuleMatch(Id, localStart, domainEnd - localStart));
                }
            }

            var next = text.AsSpan(at + 1).IndexOf('@');
            at = next < 0 ? -1 : at + 1 + next;
        }
    }

    private bool IsPersonal(ReadOnlySpan<char> local, ReadOnlySpan<char> domain)
    {
        var tld = domain[(domain.LastIndexOf('.') + 1)..];
        foreach (var part in NonPersonalLocalParts)
        {
            if (local.Equals(part, StringComparison.OrdinalIgnoreCase))
            {
                return false;
            }
        }

        foreach (var extension in FileExtensions)
        {
            if (tld.Equals(extension, StringComparison.OrdinalIgnoreCase))
            {
                return false;
            }
        }

        foreach (var allowed in allowedDomains)
        {
            if (domain.Equals(allowed, StringComparison.OrdinalIgnoreCase)
                || (domain.EndsWith(allowed, StringComparison.OrdinalIgnoreCase) && domain[^(allowed.Length + 1)] == '.'))
            {
                return false;
            }
        }

        return true;
    }

    [GeneratedRegex(@"^[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}[A-Za-z0-9])?)*\.[A-Za-z]{2,24}$", RegexOptions.CultureInvariant)]
    private static partial Regex Domain();
}
