using System.Text.RegularExpressions;

namespace Mining.Core.Privacy.Rules;

/// <summary>PEM (and OpenSSH/PGP armoured) private keys with a body: <c>-----BEGIN … PRIVATE KEY-----</c> followed by key material.</summary>
/// <remarks>A header alone (prose that mentions the format) is not a key; public keys and certificates pass.</remarks>
internal sealed partial class PemPrivateKeyRule : IPrivacyRule
{
    public const string Id = "pem-private-key";

    private const int MinimumBodyChars = 40;

    public IReadOnlyList<string> RuleIds { get; } = [Id];

    public void Find(string text, List<RuleMatch> matches)
    {
        foreach (var match in Header().EnumerateMatches(text))
        {
            var position = match.Index + match.Length;
            var bodyChars = 0;
            while (position < text.Length)
            {
                var c = text[position];
                if (char.IsAsciiLetterOrDigit(c) || c is '+' or '/' or '=')
                {
                    bodyChars++;
                }
                else if (c == '-' && text.AsSpan(position).StartsWith("-----END", StringComparison.Ordinal))
                {
                    var close = text.IndexOf("-----", position + 8, StringComparison.Ordinal);
                    position = close < 0 ? text.Length : close + 5;
                    break;
                }
                else if (!char.IsWhiteSpace(c) && c != ':' && c != '-' && c != ',')
                {
                    break;
                }

                position++;
            }

            if (bodyChars >= MinimumBodyChars)
            {
                matches.Add(new RuleMatch(Id, match.Index, position - match.Index));
            }
        }
    }

    [GeneratedRegex("-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----", RegexOptions.CultureInvariant)]
    private static partial Regex Header();
}
