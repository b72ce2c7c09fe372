namespace Mining.Ethereum.Keystore;

/// <summary>The scrypt cost used when a keystore is written.</summary>
/// <param name="N">CPU/memory cost, a power of two.</param>
/// <param name="R">Block size.</param>
/// <param name="P">Parallelism.</param>
public sealed record ScryptParameters(int N, int R, int P)
{
    /// <summary>geth's and cast's standard cost: n=262144, r=8, p=1 (256 MiB and a few seconds of CPU per unlock).</summary>
    public static ScryptParameters Standard { get; } = new(262144, 8, 1);

    /// <summary>A light cost for development and test keys only: n=4096, r=8, p=1 (cast opens it too).</summary>
    public static ScryptParameters Light { get; } = new(4096, 8, 1);

    /// <summary>The largest memory an accepted scrypt setting may ask for (128·n·r bytes): 1 GiB.</summary>
    internal const long MaxMemoryBytes = 1L << 30;

    /// <summary>True when the parameters are ones an honest keystore could hold.</summary>
    internal bool IsAcceptable(out string reason)
    {
        if (N < 2 || (N & (N - 1)) != 0)
        {
            reason = $"scrypt n={N} is not a power of two greater than 1";
            return false;
        }

        if (R < 1 || P < 1 || (long)R * P >= 1 << 30)
        {
            reason = $"scrypt r={R}, p={P} are out of range";
            return false;
        }

        if (128L * N * R > MaxMemoryBytes)
        {
            reason = $"scrypt n={N}, r={R} would need more than 1 GiB of memory";
            return false;
        }

        reason = string.Empty;
        return true;
    }
}
