using Mining.Ethereum;
using Mining.Ipfs.Multiformats;

namespace Mining.Core.Merkle;

/// <summary>One learning in a batch: its CID and the leaf it contributes.</summary>
public sealed record BatchEntry(Cid Cid, Hash32 Leaf);
