using System.Text.RegularExpressions;

namespace Mining.Core.Privacy.Rules;

/// <summary>Ethereum (secp256k1) private keys and keystore JSON.</summary>
/// <remarks>
/// A 64-hex string is a key only in a key context (private key, secret, signer, wallet, <c>--private-key</c>, …
/// shortly before it on the same line (a <c>\n</c> escape ends a line too), and nearer to it than any hash word such as "tx hash" or "digest");
/// transaction hashes, digests and storage slots pass. A keystore is
/// recognised by its <c>ciphertext</c> field.
/// </remarks>
internal sealed partial class EthereumKeyRule : IPrivacyRule
{
    public const string PrivateKeyId = "ethereum-private-key";
    public const string KeystoreId = "ethereum-keystore";

    private const int ContextWindow = 48;

    public IReadOnlyList<string> RuleIds { get; } = [PrivateKeyId, KeystoreId];

    public void Find(string text, List<RuleMatch> matches)
    {
        // Skip-ahead search: a 64-hex run must cover position p + 63, so a non-hex character there rules out 64 starts at once.
        var position = 0;
        while (position + 64 <= text.Length)
        {
            var probe = position + 63;
            if (!TokenRuns.Hex.Contains(text[probe]))
            {
                position = probe + 1;
                continue;
            }

            var start = TokenRuns.RunStartBefore(text, probe, TokenRuns.Hex, 65);
            var end = TokenRuns.RunEndFrom(text, probe, TokenRuns.Hex);
            position = end + 1;
            var hasPrefix = start >= 2 && text[start - 1] == 'x' && text[start - 2] == '0';
            var valueStart = hasPrefix ? start - 2 : start;
            if (end - start == 64 && !TokenRuns.IsAt(text, valueStart - 1, TokenRuns.AlphaNumeric) && !TokenRuns.IsAt(text, end, TokenRuns.AlphaNumeric))
            {
                CheckCandidate(text, valueStart, end, matches);
            }
        }

        foreach (var match in KeystoreCiphertext().EnumerateMatches(text))
        {
            matches.Add(new RuleMatch(KeystoreId, match.Index, match.Length));
        }
    }

    private static void CheckCandidate(string text, int start, int end, List<RuleMatch> matches)
    {
        var value = text.AsSpan(start, end - start);
        var windowStart = Math.Max(0, start - ContextWindow);
        var context = text.AsSpan(windowStart, start - windowStart);
        var lineBreak = context.LastIndexOf('\n');
        if (lineBreak >= 0)
        {
            context = context[(lineBreak + 1)..];
        }

        // An escaped line break (text still inside a string literal) ends the line too.
        var escapedBreak = context.LastIndexOf("\\n", StringComparison.Ordinal);
        if (escapedBreak >= 0)
        {
            context = context[(escapedBreak + 2)..];
        }

        if (LastIndex(KeyContext(), context) > LastIndex(HashContext(), context) && !PublicValues.IsPublic(value) && !Placeholders.IsPlaceholder(value))
        {
            matches.Add(new RuleMatch(PrivateKeyId, start, end - start));
        }
    }

    /// <summary>End of the last match in the context, or -1: the word nearest the value decides what it is.</summary>
    private static int LastIndex(Regex regex, ReadOnlySpan<char> context)
    {
        var last = -1;
        foreach (var match in regex.EnumerateMatches(context))
        {
            last = match.Index + match.Length;
        }

        return last;
    }

    [GeneratedRegex(@"hash|\btx|txid|transaction|block|root|digest|slot|topic|leaf|commit|checksum|sha|keccak|selector|\bid\b", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex HashContext();

    [GeneratedRegex(@"priv|secret|signer|signing|wallet|deployer|mnemonic|seed|\b(?:pk|sk|key)\b", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex KeyContext();

    [GeneratedRegex(@"""ciphertext""\s*:\s*""[0-9a-fA-F]{32,}""", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex KeystoreCiphertext();
}
