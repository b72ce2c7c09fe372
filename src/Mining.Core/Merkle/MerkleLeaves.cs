using System.Numerics;
using Mining.Ethereum;
using Mining.Ipfs.Multiformats;
using Nethereum.ABI;

namespace Mining.Core.Merkle;

/// <summary>Leaf hashes exactly as OpenZeppelin's StandardMerkleTree and the registry contract compute them.</summary>
/// <remarks>
/// Learning leaf: <c>keccak256(bytes.concat(keccak256(abi.encode(bytes cidBinary))))</c>.
/// Reward leaf: <c>keccak256(bytes.concat(keccak256(abi.encode(address account, uint256 cumulativeAmount))))</c>.
/// The <c>abi.encode</c> is Nethereum's ABI encoder. Double hashing keeps a leaf from ever being mistaken for an inner node.
/// </remarks>
public static class MerkleLeaves
{
    /// <exception cref="ArgumentException">The CID is a CIDv0: batches anchor the binary form of CIDv1.</exception>
    public static Hash32 ForLearning(Cid cid)
    {
        if (cid.Version != 1)
        {
            throw new ArgumentException($"'{cid}' is not a CIDv1; batches anchor CIDv1 (convert CIDv0 'Qm…' values with 'ipfs cid base32').", nameof(cid));
        }

        return DoubleHash(new ABIEncode().GetABIEncoded(new ABIValue("bytes", cid.ToBytes())));
    }

    /// <exception cref="ArgumentOutOfRangeException">The amount is negative or does not fit in 256 bits.</exception>
    public static Hash32 ForReward(Address account, BigInteger cumulativeAmount)
    {
        if (cumulativeAmount.Sign < 0 || cumulativeAmount.GetBitLength() > 256)
        {
            throw new ArgumentOutOfRangeException(nameof(cumulativeAmount), "A cumulative amount must be a uint256: 0 or more and below 2^256.");
        }

        return DoubleHash(new ABIEncode().GetABIEncoded(new ABIValue("address", account.ToString()), new ABIValue("uint256", cumulativeAmount)));
    }

    private static Hash32 DoubleHash(byte[] encoded) => Hash32.Keccak256(Hash32.Keccak256(encoded).ToByteArray());
}
