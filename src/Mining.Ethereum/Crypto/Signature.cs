using System.Numerics;

namespace Mining.Ethereum.Crypto;

/// <summary>A recoverable secp256k1 signature: <c>r</c>, <c>s</c> and the y-parity (recovery id, 0 or 1) of the nonce point.</summary>
/// <remarks>Signatures this library produces are canonical: <c>s</c> is in the lower half of the curve order (EIP-2).</remarks>
public readonly record struct Signature(BigInteger R, BigInteger S, byte YParity)
{
    /// <summary>The 65-byte form <c>r ‖ s ‖ v</c> with <c>v = 27 + yParity</c>, as <c>eth_sign</c> and EIP-191 use it.</summary>
    public byte[] ToRsv()
    {
        var bytes = new byte[65];
        R.TryWriteBytes(bytes.AsSpan(32 - R.GetByteCount(isUnsigned: true), 32), out _, isUnsigned: true, isBigEndian: true);
        S.TryWriteBytes(bytes.AsSpan(64 - S.GetByteCount(isUnsigned: true), 32), out _, isUnsigned: true, isBigEndian: true);
        bytes[64] = (byte)(27 + YParity);
        return bytes;
    }

    /// <summary>Reads the 65-byte <c>r ‖ s ‖ v</c> form; <c>v</c> may be 0/1 or 27/28.</summary>
    public static Signature FromRsv(ReadOnlySpan<byte> rsv)
    {
        if (rsv.Length != 65)
        {
            throw new ArgumentException($"A signature is 65 bytes (r, s, v), got {rsv.Length}.", nameof(rsv));
        }

        var v = rsv[64];
        var parity = v switch
        {
            0 or 1 => v,
            27 or 28 => (byte)(v - 27),
            _ => throw new ArgumentException($"The signature's v byte must be 0, 1, 27 or 28, got {v}.", nameof(rsv)),
        };
        return new Signature(
            new BigInteger(rsv[..32], isUnsigned: true, isBigEndian: true),
            new BigInteger(rsv[32..64], isUnsigned: true, isBigEndian: true),
            parity);
    }
}
