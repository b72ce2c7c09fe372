using System.Buffers;
using System.Text.RegularExpressions;

namespace Mining.Core.Privacy.Rules;

/// <summary>
/// A regex tried only where one of its literal prefixes starts, found by a vectorised multi-string search, instead of
/// at every position that begins with a common letter.
/// </summary>
/// <remarks>
/// The pattern must begin with <c>\G</c> and every match must start with one of the prefixes; the matches are then
/// exactly those of the same pattern without <c>\G</c> run over the whole text (leftmost first, not overlapping).
/// </remarks>
internal static class AnchoredRegex
{
    public static IEnumerable<Match> Matches(string text, SearchValues<string> prefixes, Regex anchored)
    {
        var position = 0;
        while (position < text.Length)
        {
            var next = text.AsSpan(position).IndexOfAny(prefixes);
            if (next < 0)
            {
                yield break;
            }

            var match = anchored.Match(text, position + next);
            if (match.Success)
            {
                yield return match;
                position = match.Index + Math.Max(match.Length, 1);
            }
            else
            {
                position += next + 1;
            }
        }
    }

    /// <summary>Whether any prefix occurs at all: a rule with nothing to look at returns at once.</summary>
    public static bool Any(string text, SearchValues<string> prefixes) => text.AsSpan().ContainsAny(prefixes);
}
