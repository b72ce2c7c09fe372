using Org.BouncyCastle.Crypto.Digests;

namespace Mining.Core.Merkle;

/// <summary>Keccak-256 as Ethereum uses it (the original Keccak padding, not NIST SHA3-256).</summary>
internal static class Keccak256
{
    public static Bytes32 Hash(ReadOnlySpan<byte> data)
    {
        var digest = new KeccakDigest(256);
        digest.BlockUpdate(data);
        Span<byte> output = stackalloc byte[32];
        digest.DoFinal(output);
        return new Bytes32(output);
    }
}
