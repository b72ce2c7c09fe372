namespace Mining.Ipfs.Kubo;

/// <summary>Options of <c>ipfs add</c> that change the resulting CID or what the node keeps.</summary>
public sealed record KuboAddOptions
{
    /// <summary>CIDv1 with raw leaves, pinned: the profile documents are published with.</summary>
    public static KuboAddOptions Default { get; } = new();

    /// <summary>0 or 1 (<c>--cid-version</c>).</summary>
    public int CidVersion { get; init; } = 1;

    /// <summary><c>--raw-leaves</c>; null lets the node decide (Kubo: true for CIDv1).</summary>
    public bool? RawLeaves { get; init; }

    /// <summary><c>--pin</c>.</summary>
    public bool Pin { get; init; } = true;

    /// <summary><c>--only-hash</c>: compute the CID, store nothing.</summary>
    public bool OnlyHash { get; init; }

    /// <summary>File name sent in the multipart body; informational.</summary>
    public string FileName { get; init; } = "file";
}
