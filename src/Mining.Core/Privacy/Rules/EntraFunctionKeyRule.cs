using System.Text.RegularExpressions;

namespace Mining.Core.Privacy.Rules;

/// <summary>Microsoft Entra client secrets (<c>xxx8Q~…</c>) and Azure Functions keys (<c>?code=</c>, <c>x-functions-key</c>).</summary>
internal sealed partial class EntraFunctionKeyRule : IPrivacyRule
{
    public const string ClientSecretId = "entra-client-secret";
    public const string FunctionKeyId = "azure-function-key";

    public IReadOnlyList<string> RuleIds { get; } = [ClientSecretId, FunctionKeyId];

    public void Find(string text, List<RuleMatch> matches)
    {
        foreach (var match in ClientSecret().EnumerateMatches(text))
        {
            if (!Placeholders.IsPlaceholder(text.AsSpan(match.Index, match.Length)))
            {
                matches.Add(new RuleMatch(ClientSecretId, match.Index, match.Length));
            }
        }

        foreach (Match match in FunctionKey().Matches(text))
        {
            var value = match.Groups["value"];
            if (!Placeholders.IsPlaceholder(value.ValueSpan))
            {
                matches.Add(new RuleMatch(FunctionKeyId, value.Index, value.Length));
            }
        }
    }

    [GeneratedRegex("(?<![A-Za-z0-9_~.-])[A-Za-z0-9_~.-]{3}[0-9]Q~[A-Za-z0-9_~.-]{31,34}(?![A-Za-z0-9_~.-])", RegexOptions.CultureInvariant)]
    private static partial Regex ClientSecret();

    [GeneratedRegex(@"(?:x-functions-key[""']?\s*[:=]\s*[""']?|[?&]code=)(?<value>[A-Za-z0-9_\-/+]{30,}(?:%3D|=){0,2})", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex FunctionKey();
}
