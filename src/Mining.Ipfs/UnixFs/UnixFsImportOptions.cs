namespace Mining.Ipfs.UnixFs;

/// <summary>How the UnixFS importer cuts and links a file; the two presets match Kubo's <c>ipfs add</c> profiles.</summary>
public sealed record UnixFsImportOptions
{
    /// <summary>Kubo's default chunk size: 256 KiB (<c>--chunker size-262144</c>).</summary>
    public const int DefaultChunkSize = 262_144;

    /// <summary>Kubo's balanced layout: at most 174 links per node.</summary>
    public const int DefaultMaxLinksPerNode = 174;

    /// <summary><c>ipfs add</c>: CIDv0, dag-pb leaves.</summary>
    public static UnixFsImportOptions KuboCidV0 { get; } = new() { CidVersion = 0, RawLeaves = false };

    /// <summary><c>ipfs add --cid-version 1</c>: CIDv1, raw leaves; a file of one chunk is a single raw block.</summary>
    public static UnixFsImportOptions KuboCidV1 { get; } = new() { CidVersion = 1, RawLeaves = true };

    /// <summary>0 or 1; the version of the dag-pb node CIDs (raw leaves are always CIDv1).</summary>
    public int CidVersion { get; init; }

    /// <summary>Leaves are raw blocks rather than UnixFS dag-pb nodes.</summary>
    public bool RawLeaves { get; init; }

    public int ChunkSize { get; init; } = DefaultChunkSize;

    public int MaxLinksPerNode { get; init; } = DefaultMaxLinksPerNode;

    /// <summary>Throws listing every invalid setting.</summary>
    public void Validate()
    {
        var errors = new List<string>();
        if (CidVersion is not (0 or 1))
        {
            errors.Add($"{nameof(CidVersion)} must be 0 or 1, not {CidVersion}.");
        }

        if (ChunkSize is < 1 or > 1_048_576)
        {
            errors.Add($"{nameof(ChunkSize)} must be from 1 byte to 1 MiB (the largest block peers exchange), not {ChunkSize}.");
        }

        if (MaxLinksPerNode < 2)
        {
            errors.Add($"{nameof(MaxLinksPerNode)} must be at least 2, not {MaxLinksPerNode}.");
        }

        if (errors.Count > 0)
        {
            throw new ArgumentException("Invalid UnixFS import options: " + string.Join(" ", errors));
        }
    }
}
