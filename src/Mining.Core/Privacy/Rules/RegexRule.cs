using System.Text.RegularExpressions;

namespace Mining.Core.Privacy.Rules;

/// <summary>Shared loop for rules whose whole match (or its <c>value</c> group) is the secret, skipping placeholders.</summary>
internal static class RegexRule
{
    public static void AddWholeMatches(Regex regex, string ruleId, string text, List<RuleMatch> matches)
    {
        foreach (var match in regex.EnumerateMatches(text))
        {
            if (!Placeholders.IsPlaceholder(text.AsSpan(match.Index, match.Length)))
            {
                matches.Add(new RuleMatch(ruleId, match.Index, match.Length));
            }
        }
    }

    public static void AddValueGroups(Regex regex, string ruleId, string text, List<RuleMatch> matches)
    {
        foreach (Match match in regex.Matches(text))
        {
            var value = match.Groups["value"];
            if (!Placeholders.IsPlaceholder(value.ValueSpan))
            {
                matches.Add(new RuleMatch(ruleId, value.Index, value.Length));
            }
        }
    }
}
