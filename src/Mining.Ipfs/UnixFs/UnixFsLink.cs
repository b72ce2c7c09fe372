using Mining.Ipfs.Multiformats;

namespace Mining.Ipfs.UnixFs;

/// <summary>A child of a file node: its CID, cumulative DAG size (link Tsize) and the content bytes below it (blocksize).</summary>
internal readonly record struct UnixFsLink(Cid Cid, ulong DagSize, ulong FileSize);
