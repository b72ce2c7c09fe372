using Mining.Ethereum;

namespace Mining.Contracts;

/// <summary>The registry's <c>BatchAnchored</c> event with the log's position on chain.</summary>
/// <remarks><see cref="RewardsRoot"/> is zero when the anchor left the rewards root unchanged.</remarks>
public sealed record BatchAnchoredEvent(
    ulong BatchId,
    Hash32 Root,
    uint LeafCount,
    Hash32 ManifestDigest,
    Hash32 RewardsRoot,
    TxHash TransactionHash,
    ulong BlockNumber,
    Hash32 BlockHash);
