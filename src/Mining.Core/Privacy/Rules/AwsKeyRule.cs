using System.Text.RegularExpressions;

namespace Mining.Core.Privacy.Rules;

/// <summary>AWS access key ids (<c>AKIA…</c>, <c>ASIA…</c>) and secret access keys in their usual settings.</summary>
/// <remarks>AWS's documentation keys (…<c>EXAMPLE</c>) pass.</remarks>
internal sealed partial class AwsKeyRule : IPrivacyRule
{
    public const string AccessKeyId = "aws-access-key-id";
    public const string SecretKeyId = "aws-secret-access-key";

    public IReadOnlyList<string> RuleIds { get; } = [AccessKeyId, SecretKeyId];

    public void Find(string text, List<RuleMatch> matches)
    {
        foreach (var match in AccessKey().EnumerateMatches(text))
        {
            if (!Placeholders.IsPlaceholder(text.AsSpan(match.Index, match.Length)))
            {
                matches.Add(new RuleMatch(AccessKeyId, match.Index, match.Length));
            }
        }

        foreach (Match match in SecretKey().Matches(text))
        {
            var value = match.Groups["value"];
            if (!Placeholders.IsPlaceholder(value.ValueSpan))
            {
                matches.Add(new RuleMatch(SecretKeyId, value.Index, value.Length));
            }
        }
    }

    [GeneratedRegex("(?<![A-Z0-9])(?:AKIA|ASIA|ABIA|ACCA|AROA|AIDA)[A-Z2-7]{16}(?![A-Z0-9])", RegexOptions.CultureInvariant)]
    private static partial Regex AccessKey();

    [GeneratedRegex(@"(?:aws_?secret_?access_?key|secret_?access_?key|aws_?secret(?:_?key)?)[""']?\s*(?:=|:|=>)\s*[""']?(?<value>[A-Za-z0-9/+]{40})(?![A-Za-z0-9/+])", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex SecretKey();
}
