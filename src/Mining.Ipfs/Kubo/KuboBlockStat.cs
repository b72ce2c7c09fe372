using Mining.Ipfs.Multiformats;

namespace Mining.Ipfs.Kubo;

/// <summary>A block's CID and size (<c>ipfs block stat</c>).</summary>
public sealed record KuboBlockStat(Cid Cid, long Size);
