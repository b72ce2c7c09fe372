using System.Text.Json;
using Mining.Core.Canonical;
using Mining.Ethereum;
using Mining.Ipfs.Multiformats;

namespace Mining.Core.Merkle;

/// <summary>Everything needed to rebuild a batch's tree: every learning leaf, the root, the chain and the contract.</summary>
/// <remarks>
/// Pinned to IPFS before anchoring; <see cref="Digest"/> (keccak256 of <see cref="ToJson"/>) is the
/// <c>manifestDigest</c> argument of <c>anchor</c>, so the chain commits to this exact manifest.
/// The JSON is RFC 8785 canonical, so any party re-serializing it gets the same digest.
/// </remarks>
public sealed record BatchManifest
{
    public const int CurrentVersion = 1;

    public const string LeafEncoding = "keccak256(bytes.concat(keccak256(abi.encode(bytes cid))))";

    public int Version { get; init; } = CurrentVersion;

    public required ulong ChainId { get; init; }

    /// <summary>Registry contract address (written EIP-55).</summary>
    public required Address Contract { get; init; }

    public required Hash32 Root { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>Learnings in batch order.</summary>
    public required IReadOnlyList<BatchEntry> Learnings { get; init; }

    /// <summary>Builds the tree over the CIDs (distinct CIDv1) and records the batch.</summary>
    public static BatchManifest Create(ulong chainId, Address contract, IReadOnlyList<Cid> cids, DateTimeOffset createdAt)
    {
        ArgumentNullException.ThrowIfNull(cids);
        var entries = cids.Select(cid => new BatchEntry(cid, MerkleLeaves.ForLearning(cid))).ToList();
        var tree = MerkleTree.Build(entries.Select(e => e.Leaf));
        return new BatchManifest
        {
            ChainId = chainId,
            Contract = contract,
            Root = tree.Root,
            CreatedAt = createdAt,
            Learnings = entries,
        };
    }

    public MerkleTree BuildTree() => MerkleTree.Build(Learnings.Select(e => e.Leaf));

    /// <summary>keccak256 of the canonical JSON: the value anchored on chain as <c>manifestDigest</c>.</summary>
    public Hash32 Digest => Hash32.Keccak256(ToJson());

    public byte[] ToJson() => JsonCanonicalizer.Canonicalize(new Dictionary<string, object?>
    {
        ["version"] = Version,
        ["chainId"] = JsonFields.Decimal(ChainId),
        ["contract"] = Contract.ToString(),
        ["root"] = Root.ToString(),
        ["leafEncoding"] = LeafEncoding,
        ["createdAt"] = Preparation.Timestamps.Format(CreatedAt),
        ["leafCount"] = Learnings.Count,
        ["learnings"] = Learnings.Select(e => new Dictionary<string, object?> { ["cid"] = e.Cid.ToString(), ["leaf"] = e.Leaf.ToString() }).ToList(),
    });

    /// <summary>Reads a manifest and checks that its leaves match its CIDs and its root.</summary>
    /// <exception cref="ReceiptFormatException">The JSON is malformed or inconsistent.</exception>
    public static BatchManifest FromJson(ReadOnlySpan<byte> utf8Json)
    {
        const string What = "batch manifest";
        using var document = Parse(utf8Json, What);
        var root = document.RootElement;
        var learnings = JsonFields.Get(root, "learnings", What);
        if (learnings.ValueKind != JsonValueKind.Array)
        {
            throw new ReceiptFormatException("'learnings' of the batch manifest must be an array.");
        }

        var entries = learnings.EnumerateArray()
            .Select(e => new BatchEntry(JsonFields.Cid(e, "cid", What), JsonFields.Hash(e, "leaf", What)))
            .ToList();
        var manifest = new BatchManifest
        {
            Version = JsonFields.Get(root, "version", What).GetInt32(),
            ChainId = JsonFields.UInt64(root, "chainId", What),
            Contract = JsonFields.Address(root, "contract", What),
            Root = JsonFields.Hash(root, "root", What),
            CreatedAt = DateTimeOffset.Parse(JsonFields.String(root, "createdAt", What), System.Globalization.CultureInfo.InvariantCulture),
            Learnings = entries,
        };

        foreach (var entry in entries.Where(e => e.Cid.Version != 1 || MerkleLeaves.ForLearning(e.Cid) != e.Leaf))
        {
            throw new ReceiptFormatException($"The leaf recorded for {entry.Cid} is not the leaf of that CID.");
        }

        if (manifest.BuildTree().Root != manifest.Root)
        {
            throw new ReceiptFormatException($"The manifest's leaves do not produce its root {manifest.Root}.");
        }

        return manifest;
    }

    internal static JsonDocument Parse(ReadOnlySpan<byte> utf8Json, string what)
    {
        try
        {
            return JsonDocument.Parse(utf8Json.ToArray());
        }
        catch (JsonException exception)
        {
            throw new ReceiptFormatException($"The {what} is not valid JSON: {exception.Message}", exception);
        }
    }
}
