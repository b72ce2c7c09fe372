using Mining.Ipfs.Multiformats;

namespace Mining.Core.Preparation;

/// <summary>The exact public bytes of a learning and the CID they will be published under.</summary>
/// <remarks>
/// <see cref="Bytes"/> are RFC 8785 canonical JSON and never change after preparation: the approval page shows
/// them, the scanner re-checks them, and pin targets receive them unmodified. <see cref="Cid"/> is computed
/// locally from exactly these bytes.
/// </remarks>
public sealed record PreparedDocument(
    byte[] Bytes,
    Cid Cid,
    string InputDigest,
    DateTimeOffset PreparedAt,
    int SchemaVersion)
{
    public int Length => Bytes.Length;
}
