namespace Mining.Core.Privacy.Rules;

/// <summary>Shannon entropy of a string's characters.</summary>
internal static class Entropy
{
    public static double BitsPerChar(ReadOnlySpan<char> value)
    {
        if (value.IsEmpty)
        {
            return 0;
        }

        Span<int> counts = stackalloc int[128];
        var other = 0;
        foreach (var c in value)
        {
            if (c < 128)
            {
                counts[c]++;
            }
            else
            {
                other++;
            }
        }

        double bits = 0;
        foreach (var count in counts)
        {
            bits -= Term(count, value.Length);
        }

        return bits - Term(other, value.Length);
    }

    private static double Term(int count, int length)
    {
        if (count == 0)
        {
            return 0;
        }

        var p = (double)count / length;
        return p * Math.Log2(p);
    }
}
