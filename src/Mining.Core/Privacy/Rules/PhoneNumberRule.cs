using System.Text.RegularExpressions;

namespace Mining.Core.Privacy.Rules;

/// <summary>Phone numbers: international (<c>+49 30 1234567</c>) and North American (<c>(415) 555-2671</c>, <c>415-555-2671</c>) forms.</summary>
/// <remarks>Versions, dates, times, IP addresses and diff statistics pass: an international number must have 8–15 digits.</remarks>
internal sealed partial class PhoneNumberRule : IPrivacyRule
{
    public const string Id = "phone-number";

    public IReadOnlyList<string> RuleIds { get; } = [Id];

    public void Find(string text, List<RuleMatch> matches)
    {
        foreach (var match in International().EnumerateMatches(text))
        {
            var digits = 0;
            foreach (var c in text.AsSpan(match.Index, match.Length))
            {
                digits += char.IsAsciiDigit(c) ? 1 : 0;
            }

            if (digits is >= 8 and <= 15)
            {
                matches.Add(new RuleMatch(Id, match.Index, match.Length));
            }
        }

        foreach (var match in NorthAmerican().EnumerateMatches(text))
        {
            matches.Add(new RuleMatch(Id, match.Index, match.Length));
        }
    }

    [GeneratedRegex(@"(?<![\w+])\+[1-9][0-9]{0,2}(?:[ .-]?\(?[0-9]{1,4}\)?)(?:[ .-]?[0-9]{2,4}){2,4}(?![\w]|\.[0-9])", RegexOptions.CultureInvariant)]
    private static partial Regex International();

    [GeneratedRegex(@"(?<![\w.+-])(?:\([2-9][0-9]{2}\)\s?|[2-9][0-9]{2}[.-])[2-9][0-9]{2}[.-][0-9]{4}(?![\w.-])", RegexOptions.CultureInvariant)]
    private static partial Regex NorthAmerican();
}
