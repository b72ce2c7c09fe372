using Mining.Ipfs.Multiformats;

namespace Mining.Ipfs.Kubo;

/// <summary>What <c>ipfs add</c> reported: the root CID and the cumulative DAG size.</summary>
public sealed record KuboAddResult(Cid Cid, string Name, long Size);
