using System.Text.Json;
using Mining.Core.Canonical;
using Mining.Ethereum;
using Mining.Ipfs.Multiformats;

namespace Mining.Core.Merkle;

/// <summary>Portable proof that a learning is anchored: checkable against any chain node and IPFS gateway without this service.</summary>
/// <remarks>
/// To check a receipt: fetch <see cref="Cid"/> from a gateway and hash it (the CID is the content's hash);
/// recompute <see cref="Leaf"/> from the CID; fold <see cref="Proof"/> into <see cref="Root"/> (<see cref="VerifyProof"/>);
/// on chain <see cref="ChainId"/>, call the registry <see cref="Contract"/>'s <c>isAnchored(root)</c> and <c>verify(leaf, proof, root)</c>,
/// and confirm the transaction <see cref="TransactionHash"/> sits in block <see cref="BlockNumber"/> with hash <see cref="BlockHash"/>.
/// </remarks>
public sealed record LearningReceipt
{
    public const int CurrentVersion = 1;

    public int Version { get; init; } = CurrentVersion;

    public required Cid Cid { get; init; }

    public required Hash32 Leaf { get; init; }

    public required IReadOnlyList<Hash32> Proof { get; init; }

    public required Hash32 Root { get; init; }

    /// <summary>Batch id the registry assigned in its anchoring event.</summary>
    public required ulong BatchId { get; init; }

    public required ulong ChainId { get; init; }

    public required Address Contract { get; init; }

    public required Hash32 TransactionHash { get; init; }

    public required ulong BlockNumber { get; init; }

    public required Hash32 BlockHash { get; init; }

    /// <summary>Builds the receipt of one learning of an anchored batch.</summary>
    /// <exception cref="KeyNotFoundException">The CID is not in the batch.</exception>
    public static LearningReceipt Create(BatchManifest manifest, MerkleTree tree, Cid cid, ulong batchId, Hash32 transactionHash, ulong blockNumber, Hash32 blockHash)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        ArgumentNullException.ThrowIfNull(tree);
        var leaf = MerkleLeaves.ForLearning(cid);
        return new LearningReceipt
        {
            Cid = cid,
            Leaf = leaf,
            Proof = tree.GetProof(leaf),
            Root = tree.Root,
            BatchId = batchId,
            ChainId = manifest.ChainId,
            Contract = manifest.Contract,
            TransactionHash = transactionHash,
            BlockNumber = blockNumber,
            BlockHash = blockHash,
        };
    }

    /// <summary>True when the leaf is the CID's leaf and the proof leads from it to the root.</summary>
    public bool VerifyProof() => Cid.Version == 1 && MerkleLeaves.ForLearning(Cid) == Leaf && MerkleTree.Verify(Root, Leaf, Proof);

    public byte[] ToJson() => JsonCanonicalizer.Canonicalize(new Dictionary<string, object?>
    {
        ["version"] = Version,
        ["cid"] = Cid.ToString(),
        ["leaf"] = Leaf.ToString(),
        ["proof"] = Proof.Select(p => p.ToString()).ToList(),
        ["root"] = Root.ToString(),
        ["batchId"] = JsonFields.Decimal(BatchId),
        ["chainId"] = JsonFields.Decimal(ChainId),
        ["contract"] = Contract.ToString(),
        ["transactionHash"] = TransactionHash.ToString(),
        ["blockNumber"] = JsonFields.Decimal(BlockNumber),
        ["blockHash"] = BlockHash.ToString(),
    });

    /// <exception cref="ReceiptFormatException">The JSON is not a receipt; the message names the field.</exception>
    public static LearningReceipt FromJson(ReadOnlySpan<byte> utf8Json)
    {
        const string What = "learning receipt";
        using var document = BatchManifest.Parse(utf8Json, What);
        var root = document.RootElement;
        var proof = JsonFields.Get(root, "proof", What);
        if (proof.ValueKind != JsonValueKind.Array)
        {
            throw new ReceiptFormatException("'proof' of the learning receipt must be an array of 32-byte hex values.");
        }

        return new LearningReceipt
        {
            Version = JsonFields.Get(root, "version", What).GetInt32(),
            Cid = JsonFields.Cid(root, "cid", What),
            Leaf = JsonFields.Hash(root, "leaf", What),
            Proof = proof.EnumerateArray().Select(p => JsonFields.ParseHash(p.GetString() ?? string.Empty, "proof", What)).ToList(),
            Root = JsonFields.Hash(root, "root", What),
            BatchId = JsonFields.UInt64(root, "batchId", What),
            ChainId = JsonFields.UInt64(root, "chainId", What),
            Contract = JsonFields.Address(root, "contract", What),
            TransactionHash = JsonFields.Hash(root, "transactionHash", What),
            BlockNumber = JsonFields.UInt64(root, "blockNumber", What),
            BlockHash = JsonFields.Hash(root, "blockHash", What),
        };
    }
}
