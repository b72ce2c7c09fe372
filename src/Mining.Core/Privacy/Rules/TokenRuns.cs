using System.Buffers;

namespace Mining.Core.Privacy.Rules;

/// <summary>Fast scanning helpers: runs of characters from a set, found with vectorized span searches instead of regex backtracking.</summary>
internal static class TokenRuns
{
    public static readonly SearchValues<char> Hex = SearchValues.Create("0123456789abcdefABCDEF");

    public static readonly SearchValues<char> Base64 = SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/");

    public static readonly SearchValues<char> AlphaNumeric = SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789");

    /// <summary>Start of the run of <paramref name="set"/> characters that ends just before <paramref name="end"/>.</summary>
    public static int RunStartBefore(string text, int end, SearchValues<char> set, int maxLength)
    {
        var start = end;
        while (start > 0 && end - start < maxLength && set.Contains(text[start - 1]))
        {
            start--;
        }

        return start;
    }

    /// <summary>End (exclusive) of the run of <paramref name="set"/> characters that starts at <paramref name="start"/>.</summary>
    public static int RunEndFrom(string text, int start, SearchValues<char> set)
    {
        var length = text.AsSpan(start).IndexOfAnyExcept(set);
        return length < 0 ? text.Length : start + length;
    }

    public static bool IsAt(string text, int index, SearchValues<char> set) => index >= 0 && index < text.Length && set.Contains(text[index]);
}
