namespace Mining.Core.Privacy.Rules;

/// <summary>Recognises values that only stand in for a secret (<c>YOUR_API_KEY</c>, <c>xxxx</c>, <c>&lt;token&gt;</c>, <c>${SECRET}</c>).</summary>
internal static class Placeholders
{
    private static readonly string[] Markers =
        ["example", "placeholder", "your", "xxxx", "****", "dummy", "redacted", "changeme", "replace", "...", "<", ">", "${", "{{", "$(", "0000000000", "abcdefgh", "12345678", "insert", "here"];

    public static bool IsPlaceholder(ReadOnlySpan<char> value)
    {
        foreach (var marker in Markers)
        {
            if (value.Contains(marker, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return HasLongRun(value) || CountDistinct(value) < 6;
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
