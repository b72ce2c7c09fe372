using Mining.Ethereum;
using Mining.Ipfs.Multiformats;

namespace Mining.Functions.Batches;

/// <summary>A prepared batch: roots, manifest and each learning's leaf and proof.</summary>
public sealed record PreparedBatch(string BatchId, Hash32 Root, Hash32 RewardsRoot, Cid ManifestCid, IReadOnlyList<BatchLeaf> Leaves, Hash32 ManifestDigest);

/// <summary>One learning's place in a batch.</summary>
public sealed record BatchLeaf(string LearningId, Cid Cid, Hash32 Leaf, IReadOnlyList<Hash32> Proof);

/// <summary>What a confirmation check found.</summary>
public sealed record AnchorCheck(TxHash TransactionHash, long? BlockNumber, Hash32? BlockHash, int Confirmations, bool Confirmed);

/// <summary>
/// What a batch shares with the <c>PublishLearning</c> instances of its learnings, which sit above anchoring: the stages
/// its dead letters name (as <c>PublishStages</c> does) and the event that tells a learning its batch is confirmed
/// (<c>PublishLearning.ConfirmedEvent</c>). Those take their values from here.
/// </summary>
internal static class BatchProtocol
{
    public const string AnchoringStage = "Anchoring";
    public const string RewardingStage = "Rewarding";
    public const string ConfirmedEvent = "Confirmed";
}
