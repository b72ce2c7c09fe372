namespace Mining.Core.Privacy.Rules;

/// <summary>Recognises values that only stand in for a secret (<c>YOUR_API_KEY</c>, <c>xxxx</c>, <c>&lt;token&gt;</c>, <c>${SECRET}</c>).</summary>
/// <remarks>
/// Fails closed: markers long enough never to occur by chance in a random token match anywhere; short words
/// (<c>your</c>, <c>here</c>, <c>xxxx</c>) count only as separate words, so a real token that happens to contain them is still a secret.
/// </remarks>
internal static class Placeholders
{
    private static readonly string[] Markers =
        ["example", "placeholder", "dummy", "redacted", "changeme", "replace", "insert", "****", "...", "<", ">", "${", "{{", "$(", "0000000000", "abcdefgh", "12345678"];

    private static readonly string[] ShortWords = ["your", "here", "xxxx", "xxx"];

    public static bool IsPlaceholder(ReadOnlySpan<char> value)
    {
        foreach (var marker in Markers)
        {
            if (value.Contains(marker, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return HasShortWord(value) || HasLongRun(value) || CountDistinct(value) < 6;
    }

    private static bool HasShortWord(ReadOnlySpan<char> value)
    {
        foreach (var word in ShortWords)
        {
            var from = 0;
            while (from < value.Length)
            {
                var index = value[from..].IndexOf(word, StringComparison.OrdinalIgnoreCase);
                if (index < 0)
                {
                    break;
                }

                var start = from + index;
                var end = start + word.Length;
                if ((start == 0 || !char.IsAsciiLetter(value[start - 1])) && (end == value.Length || !char.IsAsciiLetter(value[end])))
                {
                    return true;
                }

                from = start + 1;
            }
        }

        return false;
    }

    private static bool HasLongRun(ReadOnlySpan<char> value)
    {
        var run = 1;
        for (var i = 1; i < value.Length; i++)
        {
            run = value[i] == value[i - 1] ? run + 1 : 1;
            if (run >= 8)
            {
                return true;
            }
        }

        return false;
    }

    private static int CountDistinct(ReadOnlySpan<char> value)
    {
        Span<bool> seen = stackalloc bool[128];
        var distinct = 0;
        foreach (var c in value)
        {
            if (c >= 128)
            {
                distinct++;
            }
            else if (!seen[c])
            {
                seen[c] = true;
                distinct++;
            }
        }

        return distinct;
    }
}
