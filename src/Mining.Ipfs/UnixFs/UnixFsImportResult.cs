using Mining.Ipfs.Multiformats;

namespace Mining.Ipfs.UnixFs;

/// <summary>The outcome of importing one file.</summary>
/// <param name="Root">The file's CID, as <c>ipfs add</c> prints it.</param>
/// <param name="FileSize">Content bytes read.</param>
/// <param name="DagSize">Cumulative size of all blocks (Kubo's <c>Size</c>/<c>CumulativeSize</c>).</param>
/// <param name="BlockCount">Blocks produced, leaves and nodes.</param>
public sealed record UnixFsImportResult(Cid Root, long FileSize, ulong DagSize, long BlockCount);
