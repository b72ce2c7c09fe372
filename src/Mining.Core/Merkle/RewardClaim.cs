using System.Numerics;
using Mining.Ethereum;

namespace Mining.Core.Merkle;

/// <summary>What a contributor passes to <c>claim(account, cumulativeAmount, proof)</c>, and the root it was proven against.</summary>
/// <remarks><see cref="CumulativeAmount"/> is everything ever earned, in base units; the contract mints the difference to what was already claimed.</remarks>
public sealed record RewardClaim(Address Account, BigInteger CumulativeAmount, IReadOnlyList<Hash32> Proof, Hash32 Root)
{
    /// <summary>True when the proof leads from this account's leaf to <see cref="Root"/>.</summary>
    public bool Verify() => MerkleTree.Verify(Root, MerkleLeaves.ForReward(Account, CumulativeAmount), Proof);
}
