using Mining.Ethereum;

namespace Mining.Core.Merkle;

/// <summary>A Merkle tree laid out exactly like OpenZeppelin's StandardMerkleTree (<c>@openzeppelin/merkle-tree</c>).</summary>
/// <remarks>
/// Leaves are sorted, inner nodes are <c>keccak256</c> of the sorted pair, so proofs verify with OpenZeppelin's
/// <c>MerkleProof.verify</c> and the registry contract's <c>verify</c>. A single leaf is its own root with an empty proof.
/// Leaves must be distinct: a batch never anchors the same learning twice.
/// </remarks>
public sealed class MerkleTree
{
    private readonly Hash32[] _nodes;
    private readonly Dictionary<Hash32, int> _positions;

    private MerkleTree(Hash32[] leaves, Hash32[] nodes, Dictionary<Hash32, int> positions)
    {
        Leaves = leaves;
        _nodes = nodes;
        _positions = positions;
    }

    /// <summary>The leaves in the order given to <see cref="Build"/>.</summary>
    public IReadOnlyList<Hash32> Leaves { get; }

    public Hash32 Root => _nodes[0];

    /// <exception cref="ArgumentException">No leaves, or a leaf occurs twice.</exception>
    public static MerkleTree Build(IEnumerable<Hash32> leaves)
    {
        ArgumentNullException.ThrowIfNull(leaves);
        var input = leaves.ToArray();
        if (input.Length == 0)
        {
            throw new ArgumentException("A Merkle tree needs at least one leaf.", nameof(leaves));
        }

        var sorted = (Hash32[])input.Clone();
        Array.Sort(sorted);
        var nodes = new Hash32[(2 * sorted.Length) - 1];
        var positions = new Dictionary<Hash32, int>(sorted.Length);
        for (var i = 0; i < sorted.Length; i++)
        {
            var position = nodes.Length - 1 - i;
            if (!positions.TryAdd(sorted[i], position))
            {
                throw new ArgumentException($"The leaf {sorted[i]} occurs twice; remove duplicates before building a batch.", nameof(leaves));
            }

            nodes[position] = sorted[i];
        }

        for (var i = nodes.Length - 1 - sorted.Length; i >= 0; i--)
        {
            nodes[i] = HashPair(nodes[(2 * i) + 1], nodes[(2 * i) + 2]);
        }

        return new MerkleTree(input, nodes, positions);
    }

    public bool Contains(Hash32 leaf) => _positions.ContainsKey(leaf);

    /// <summary>Sibling hashes from the leaf up to (not including) the root.</summary>
    /// <exception cref="KeyNotFoundException">The leaf is not in this tree.</exception>
    public IReadOnlyList<Hash32> GetProof(Hash32 leaf)
    {
        if (!_positions.TryGetValue(leaf, out var index))
        {
            throw new KeyNotFoundException($"The leaf {leaf} is not in this tree (root {Root}).");
        }

        var proof = new List<Hash32>();
        while (index > 0)
        {
            proof.Add(_nodes[index % 2 == 1 ? index + 1 : index - 1]);
            index = (index - 1) / 2;
        }

        return proof;
    }

    /// <summary>Recomputes the root from a leaf and its proof, as <c>MerkleProof.processProof</c> does.</summary>
    public static Hash32 ProcessProof(Hash32 leaf, IEnumerable<Hash32> proof)
    {
        ArgumentNullException.ThrowIfNull(proof);
        var computed = leaf;
        foreach (var sibling in proof)
        {
            computed = HashPair(computed, sibling);
        }

        return computed;
    }

    public static bool Verify(Hash32 root, Hash32 leaf, IEnumerable<Hash32> proof) => ProcessProof(leaf, proof) == root;

    /// <summary><c>keccak256</c> of the two nodes concatenated smaller first (commutative).</summary>
    public static Hash32 HashPair(Hash32 a, Hash32 b)
    {
        Span<byte> pair = stackalloc byte[64];
        (a < b ? a : b).CopyTo(pair);
        (a < b ? b : a).CopyTo(pair[32..]);
        return Hash32.Keccak256(pair);
    }
}
