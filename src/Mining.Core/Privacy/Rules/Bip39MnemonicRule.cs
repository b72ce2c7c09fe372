using System.Security.Cryptography;
using System.Text.RegularExpressions;

namespace Mining.Core.Privacy.Rules;

/// <summary>BIP-39 mnemonics: 12–24 consecutive wordlist words with a valid checksum, or any run of 12+ after "seed phrase"/"mnemonic".</summary>
/// <remarks>
/// Words may be separated by whitespace, commas or numbering. The well-known development mnemonic
/// (<c>test test … junk</c>) passes. A run of wordlist words with a wrong checksum and no such context passes.
/// </remarks>
internal sealed partial class Bip39MnemonicRule : IPrivacyRule
{
    public const string Id = "bip39-mnemonic";

    private static readonly int[] Lengths = [24, 21, 18, 15, 12];

    public IReadOnlyList<string> RuleIds { get; } = [Id];

    public void Find(string text, List<RuleMatch> matches)
    {
        var run = new List<(int Start, int End, int Index)>();
        var position = 0;
        var lastEnd = 0;
        Span<char> lower = stackalloc char[8];
        while (position < text.Length)
        {
            if (!char.IsAsciiLetter(text[position]))
            {
                position++;
                continue;
            }

            var start = position;
            while (position < text.Length && char.IsAsciiLetter(text[position]))
            {
                position++;
            }

            var length = position - start;
            var index = -1;
            if (length is >= 3 and <= 8)
            {
                text.AsSpan(start, length).ToLowerInvariant(lower);
                index = Bip39Wordlist.IndexOf(lower[..length]);
            }

            if (index < 0 || (run.Count > 0 && !IsSeparator(text.AsSpan(lastEnd, start - lastEnd))))
            {
                Check(text, run, matches);
                run.Clear();
            }

            if (index >= 0)
            {
                run.Add((start, position, index));
            }

            lastEnd = position;
        }

        Check(text, run, matches);
    }

    private static bool IsSeparator(ReadOnlySpan<char> between)
    {
        foreach (var c in between)
        {
            if (!(char.IsWhiteSpace(c) || c is ',' or '.' or ')' or '-' || char.IsAsciiDigit(c)))
            {
                return false;
            }
        }

        return between.Length is > 0 and <= 8;
    }

    private static void Check(string text, List<(int Start, int End, int Index)> run, List<RuleMatch> matches)
    {
        if (run.Count < 12 || IsDevelopmentMnemonic(text, run))
        {
            return;
        }

        var contextStart = Math.Max(0, run[0].Start - 64);
        if (SeedContext().IsMatch(text.AsSpan(contextStart, run[0].Start - contextStart)))
        {
            var last = run[Math.Min(run.Count, 24) - 1];
            matches.Add(new RuleMatch(Id, run[0].Start, last.End - run[0].Start));
            return;
        }

        var i = 0;
        while (i + 12 <= run.Count)
        {
            var found = 0;
            foreach (var length in Lengths)
            {
                if (i + length <= run.Count && HasValidChecksum(run, i, length))
                {
                    found = length;
                    break;
                }
            }

            if (found == 0)
            {
                i++;
                continue;
            }

            matches.Add(new RuleMatch(Id, run[i].Start, run[i + found - 1].End - run[i].Start));
            i += found;
        }
    }

    internal static bool HasValidChecksum(IReadOnlyList<int> indexes)
    {
        var bits = indexes.Count * 11;
        var checksumBits = bits / 33;
        var entropyBytes = (bits - checksumBits) / 8;
        Span<byte> all = stackalloc byte[34];
        all.Clear();
        for (var w = 0; w < indexes.Count; w++)
        {
            for (var b = 0; b < 11; b++)
            {
                if ((indexes[w] >> (10 - b) & 1) == 1)
                {
                    var bit = (w * 11) + b;
                    all[bit / 8] |= (byte)(0x80 >> (bit % 8));
                }
            }
        }

        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(all[..entropyBytes], hash);
        var expected = hash[0] >> (8 - checksumBits);
        var actual = (all[entropyBytes] >> (8 - checksumBits));
        return expected == actual;
    }

    private static bool HasValidChecksum(List<(int Start, int End, int Index)> run, int start, int length) =>
        HasValidChecksum(run.GetRange(start, length).Select(w => w.Index).ToList());

    private static bool IsDevelopmentMnemonic(string text, List<(int Start, int End, int Index)> run) =>
        run.Count == 12 && string.Join(' ', run.Select(w => text[w.Start..w.End].ToLowerInvariant())) == PublicValues.DevelopmentMnemonic;

    [GeneratedRegex("mnemonic|seed|recovery|secret (?:phrase|words)|backup (?:phrase|words)", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex SeedContext();
}
