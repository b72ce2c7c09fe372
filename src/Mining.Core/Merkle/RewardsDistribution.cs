using System.Numerics;
using Mining.Ethereum;

namespace Mining.Core.Merkle;

/// <summary>The rewards tree anchored with a batch: one leaf per contributor over their cumulative earned amount.</summary>
/// <remarks>
/// A cumulative Merkle distributor: each root replaces the previous one, so a contributor claims everything earned so
/// far with one proof, and an old proof can only reach an older, smaller total. One entry per account; amounts are
/// uint256 base units.
/// </remarks>
public sealed class RewardsDistribution
{
    private readonly Dictionary<Address, BigInteger> _amounts;
    private readonly MerkleTree _tree;

    private RewardsDistribution(Dictionary<Address, BigInteger> amounts, MerkleTree tree)
    {
        _amounts = amounts;
        _tree = tree;
    }

    public Hash32 Root => _tree.Root;

    public int Count => _amounts.Count;

    /// <exception cref="ArgumentException">No entries, an account twice, or an invalid amount.</exception>
    public static RewardsDistribution Build(IEnumerable<KeyValuePair<Address, BigInteger>> cumulativeAmounts)
    {
        ArgumentNullException.ThrowIfNull(cumulativeAmounts);
        var amounts = new Dictionary<Address, BigInteger>();
        foreach (var (account, amount) in cumulativeAmounts)
        {
            if (!amounts.TryAdd(account, amount))
            {
                throw new ArgumentException($"The account {account} appears twice; sum its rewards into one cumulative amount.", nameof(cumulativeAmounts));
            }
        }

        var tree = MerkleTree.Build(amounts.Select(a => MerkleLeaves.ForReward(a.Key, a.Value)));
        return new RewardsDistribution(amounts, tree);
    }

    /// <exception cref="KeyNotFoundException">The account has no entry in this distribution.</exception>
    public RewardClaim GetClaim(Address account)
    {
        if (!_amounts.TryGetValue(account, out var amount))
        {
            throw new KeyNotFoundException($"The account {account} has nothing in this rewards root ({Root}).");
        }

        return new RewardClaim(account, amount, _tree.GetProof(MerkleLeaves.ForReward(account, amount)), Root);
    }
}
