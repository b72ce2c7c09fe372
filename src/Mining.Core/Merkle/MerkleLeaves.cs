using System.Numerics;
using Mining.Core.Multiformats;
using Mining.Core.Learnings;

namespace Mining.Core.Merkle;

/// <summary>Leaf hashes exactly as OpenZeppelin's StandardMerkleTree and the registry contract compute them.</summary>
/// <remarks>
/// Learning leaf: <c>keccak256(bytes.concat(keccak256(abi.encode(bytes cidBinary))))</c>.
/// Reward leaf: <c>keccak256(bytes.concat(keccak256(abi.encode(address account, uint256 cumulativeAmount))))</c>.
/// Double hashing keeps a leaf from ever being mistaken for an inner node.
/// </remarks>
public static class MerkleLeaves
{
    public static Bytes32 ForLearning(string cid) => ForLearning(CidText.ToBytes(cid));

    public static Bytes32 ForLearning(ReadOnlySpan<byte> cidBinary)
    {
        var padded = (cidBinary.Length + 31) / 32 * 32;
        var encoded = new byte[64 + padded];
        encoded[31] = 0x20;
        WriteUInt256((ulong)cidBinary.Length, encoded.AsSpan(32, 32));
        cidBinary.CopyTo(encoded.AsSpan(64));
        return DoubleHash(encoded);
    }

    /// <exception cref="ArgumentOutOfRangeException">The amount is negative or does not fit in 256 bits.</exception>
    public static Bytes32 ForReward(string account, BigInteger cumulativeAmount)
    {
        if (cumulativeAmount.Sign < 0 || cumulativeAmount.GetBitLength() > 256)
        {
            throw new ArgumentOutOfRangeException(nameof(cumulativeAmount), "A cumulative amount must be a uint256: 0 or more and below 2^256.");
        }

        var encoded = new byte[64];
        EthereumAddress.ToBytes(account).CopyTo(encoded.AsSpan(12));
        var length = cumulativeAmount.GetByteCount(isUnsigned: true);
        cumulativeAmount.TryWriteBytes(encoded.AsSpan(64 - length), out _, isUnsigned: true, isBigEndian: true);
        return DoubleHash(encoded);
    }

    private static void WriteUInt256(ulong value, Span<byte> word) =>
        System.Buffers.Binary.BinaryPrimitives.WriteUInt64BigEndian(word[24..], value);

    private static Bytes32 DoubleHash(ReadOnlySpan<byte> encoded)
    {
        Span<byte> inner = stackalloc byte[32];
        Keccak256.Hash(encoded).CopyTo(inner);
        return Keccak256.Hash(inner);
    }
}
