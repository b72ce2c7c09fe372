using System.Text.RegularExpressions;

namespace Mining.Core.Privacy.Rules;

/// <summary>Ethereum (secp256k1) private keys and keystore JSON.</summary>
/// <remarks>
/// A 64-hex string is a key only in a key context (private key, secret, signer, wallet, <c>--private-key</c>, …
/// shortly before it); transaction hashes, digests and storage slots pass. A keystore is recognised by its
/// <c>ciphertext</c> field.
/// </remarks>
internal sealed partial class EthereumKeyRule : IPrivacyRule
{
    public const string PrivateKeyId = "ethereum-private-key";
    public const string KeystoreId = "ethereum-keystore";

    private const int ContextWindow = 48;

    public IReadOnlyList<string> RuleIds { get; } = [PrivateKeyId, KeystoreId];

    public void Find(string text, List<RuleMatch> matches)
    {
        foreach (var match in Hex64().EnumerateMatches(text))
        {
            var value = text.AsSpan(match.Index, match.Length);
            var windowStart = Math.Max(0, match.Index - ContextWindow);
            var context = text.AsSpan(windowStart, match.Index - windowStart);
            var lineBreak = context.LastIndexOf('\n');
            if (lineBreak >= 0 && lineBreak < context.Length - 1)
            {
                context = context[(lineBreak + 1)..];
            }

            if (KeyContext().IsMatch(context) && !PublicValues.IsPublic(value) && !Placeholders.IsPlaceholder(value))
            {
                matches.Add(new RuleMatch(PrivateKeyId, match.Index, match.Length));
            }
        }

        foreach (var match in KeystoreCiphertext().EnumerateMatches(text))
        {
            matches.Add(new RuleMatch(KeystoreId, match.Index, match.Length));
        }
    }

    [GeneratedRegex("(?<![0-9A-Za-z])(?:0x)?[0-9a-fA-F]{64}(?![0-9A-Za-z])", RegexOptions.CultureInvariant)]
    private static partial Regex Hex64();

    [GeneratedRegex(@"priv|secret|signer|signing|wallet|deployer|mnemonic|seed|\b(?:pk|sk|key)\b", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex KeyContext();

    [GeneratedRegex(@"""ciphertext""\s*:\s*""[0-9a-fA-F]{32,}""", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex KeystoreCiphertext();
}
