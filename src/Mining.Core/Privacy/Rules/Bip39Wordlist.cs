using System.Collections.Frozen;

namespace Mining.Core.Privacy.Rules;

/// <summary>The BIP-39 English wordlist (public domain), embedded as a resource.</summary>
internal static class Bip39Wordlist
{
    public const int Size = 2048;

    public static IReadOnlyList<string> Words { get; } = Load();

    private static readonly FrozenDictionary<string, int> Indexes =
        Words.Select((word, index) => (word, index)).ToFrozenDictionary(p => p.word, p => p.index, StringComparer.Ordinal);

    private static readonly FrozenDictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> SpanIndexes =
        Indexes.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>Three-letter prefixes of the wordlist, so most words of ordinary text are rejected without a lookup.</summary>
    private static readonly bool[] Prefixes = BuildPrefixes();

    /// <summary>The word's index, or -1; <paramref name="lowercaseWord"/> must be lowercase ASCII letters, 3 or more.</summary>
    public static int IndexOf(ReadOnlySpan<char> lowercaseWord) =>
        Prefixes[PrefixKey(lowercaseWord)] && SpanIndexes.TryGetValue(lowercaseWord, out var index) ? index : -1;

    private static int PrefixKey(ReadOnlySpan<char> word) => ((word[0] - 'a') * 676) + ((word[1] - 'a') * 26) + (word[2] - 'a');

    private static bool[] BuildPrefixes()
    {
        var prefixes = new bool[26 * 26 * 26];
        foreach (var word in Words)
        {
            prefixes[PrefixKey(word)] = true;
        }

        return prefixes;
    }

    private static string[] Load()
    {
        using var stream = typeof(Bip39Wordlist).Assembly.GetManifestResourceStream("Mining.Core.bip39-english.txt")
            ?? throw new InvalidOperationException("The embedded BIP-39 wordlist is missing from Mining.Core; rebuild the project.");
        using var reader = new StreamReader(stream);
        var words = reader.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return words.Length == Size
            ? words
            : throw new InvalidOperationException($"The embedded BIP-39 wordlist has {words.Length} words instead of {Size}.");
    }
}
