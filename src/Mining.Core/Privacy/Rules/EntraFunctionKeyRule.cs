using System.Text.RegularExpressions;

namespace Mining.Core.Privacy.Rules;

/// <summary>Microsoft Entra client secrets (<c>xxx8Q~…</c>) and Azure Functions keys (<c>?code=</c>, <c>x-functions-key</c>).</summary>
internal sealed partial class EntraFunctionKeyRule : IPrivacyRule
{
    public const string ClientSecretId = "entra-client-secret";
    public const string FunctionKeyId = "azure-function-key";

    private static readonly System.Buffers.SearchValues<char> SecretChars =
        System.Buffers.SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_~.-");

    public IReadOnlyList<string> RuleIds { get; } = [ClientSecretId, FunctionKeyId];

    public void Find(string text, List<RuleMatch> matches)
    {
        var marker = text.IndexOf("Q~", StringComparison.Ordinal);
        while (marker >= 0)
        {
            var start = TokenRuns.RunStartBefore(text, marker, SecretChars, 5);
            var end = TokenRuns.RunEndFrom(text, marker + 2, SecretChars);
            if (marker - start == 4 && char.IsAsciiDigit(text[marker - 1]) && end - marker - 2 is >= 31 and <= 34
                && !Placeholders.IsPlaceholder(text.AsSpan(start, end - start)))
            {
                matches.Add(new RuleMatch(ClientSecretId, start, end - start));
            }

            var next = text.AsSpan(marker + 2).IndexOf("Q~", StringComparison.Ordinal);
            marker = next < 0 ? -1 : marker + 2 + next;
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

    [GeneratedRegex(@"(?:x-functions-key[""']?\s*[:=]\s*[""']?|[?&]code=)(?<value>[A-Za-z0-9_\-/+]{30,}(?:%3D|=){0,2})", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex FunctionKey();
}
