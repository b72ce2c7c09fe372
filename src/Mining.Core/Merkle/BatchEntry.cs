namespace Mining.Core.Merkle;

/// <summary>One learning in a batch: its CID and the leaf it contributes.</summary>
public sealed record BatchEntry(string Cid, Bytes32 Leaf);
