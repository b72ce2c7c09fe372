using System.Numerics;
using Org.BouncyCastle.Asn1.X9;
using Org.BouncyCastle.Crypto.Digests;
using Org.BouncyCastle.Crypto.EC;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Signers;
using Org.BouncyCastle.Math.EC;
using Org.BouncyCastle.Math.EC.Multiplier;
using BcBigInteger = Org.BouncyCastle.Math.BigInteger;

namespace Mining.Ethereum.Crypto;

/// <summary>secp256k1 signing and public key recovery.</summary>
/// <remarks>
/// Signing is deterministic (RFC 6979 nonces with HMAC-SHA256) and always returns the low-s form,
/// so the same key and hash give the same signature, accepted by every Ethereum client.
/// </remarks>
public static class Secp256k1
{
    private static readonly X9ECParameters Curve = CustomNamedCurves.GetByName("secp256k1");
    private static readonly ECDomainParameters Domain = new(Curve.Curve, Curve.G, Curve.N, Curve.H);
    private static readonly BcBigInteger HalfN = Curve.N.ShiftRight(1);

    /// <summary>The curve order n.</summary>
    public static BigInteger Order { get; } = ToBig(Curve.N);

    /// <summary>True when <paramref name="privateKey"/> is 32 bytes and in [1, n-1].</summary>
    public static bool IsValidPrivateKey(ReadOnlySpan<byte> privateKey)
    {
        if (privateKey.Length != 32)
        {
            return false;
        }

        var d = new BcBigInteger(1, privateKey);
        return d.SignValue > 0 && d.CompareTo(Curve.N) < 0;
    }

    /// <summary>The 64-byte uncompressed public key (x ‖ y, without the 0x04 prefix) of a private key.</summary>
    public static byte[] PublicKey(ReadOnlySpan<byte> privateKey)
    {
        var d = PrivateScalar(privateKey);
        var q = new FixedPointCombMultiplier().Multiply(Domain.G, d).Normalize();
        return q.GetEncoded(compressed: false)[1..];
    }

    /// <summary>Signs a 32-byte hash, returning a low-s signature with its recovery id.</summary>
    /// <remarks>ECDSA with the RFC 6979 nonce (HMAC-SHA256); the recovery id is the y parity of k·G, flipped when s is negated to its low form.</remarks>
    public static Signature Sign(ReadOnlySpan<byte> hash32, ReadOnlySpan<byte> privateKey)
    {
        RequireHash(hash32);
        var d = PrivateScalar(privateKey);
        var n = Curve.N;
        var hashArray = hash32.ToArray();
        var e = new BcBigInteger(1, hashArray);
        var nonces = new HMacDsaKCalculator(new Sha256Digest());
        nonces.Init(n, d, hashArray);
        while (true)
        {
            var k = nonces.NextK();
            var point = new FixedPointCombMultiplier().Multiply(Domain.G, k).Normalize();
            var x = point.AffineXCoord.ToBigInteger();
            var r = x.Mod(n);
            if (r.SignValue == 0 || x.CompareTo(n) >= 0)
            {
                continue;
            }

            var s = k.ModInverse(n).Multiply(e.Add(d.Multiply(r))).Mod(n);
            if (s.SignValue == 0)
            {
                continue;
            }

            var parity = (byte)(point.AffineYCoord.TestBitZero() ? 1 : 0);
            if (s.CompareTo(HalfN) > 0)
            {
                s = n.Subtract(s);
                parity ^= 1;
            }

            return new Signature(ToBig(r), ToBig(s), parity);
        }
    }

    /// <summary>Recovers the 64-byte uncompressed public key that produced <paramref name="signature"/> over <paramref name="hash32"/>.</summary>
    /// <exception cref="ArgumentException">The signature is malformed or does not recover to a point.</exception>
    public static byte[] RecoverPublicKey(ReadOnlySpan<byte> hash32, Signature signature)
    {
        RequireHash(hash32);
        if (signature.R.Sign <= 0 || signature.R >= Order || signature.S.Sign <= 0 || signature.S >= Order || signature.YParity > 1)
        {
            throw new ArgumentException("The signature's r or s is out of range, or its recovery id is not 0 or 1.", nameof(signature));
        }

        var point = RecoverPoint(hash32.ToArray(), ToBc(signature.R), ToBc(signature.S), signature.YParity)
            ?? throw new ArgumentException("The signature does not recover to a public key.", nameof(signature));
        return point.GetEncoded(compressed: false)[1..];
    }

    /// <summary>Recovers the address that produced <paramref name="signature"/> over <paramref name="hash32"/>.</summary>
    public static Address RecoverAddress(ReadOnlySpan<byte> hash32, Signature signature) =>
        Address.FromPublicKey(RecoverPublicKey(hash32, signature));

    private static ECPoint? RecoverPoint(byte[] hash, BcBigInteger r, BcBigInteger s, byte parity)
    {
        var n = Curve.N;
        var prime = Curve.Curve.Field.Characteristic;
        if (r.CompareTo(prime) >= 0)
        {
            return null;
        }

        var encoded = new byte[33];
        encoded[0] = (byte)(0x02 + parity);
        var rBytes = r.ToByteArrayUnsigned();
        rBytes.CopyTo(encoded, 33 - rBytes.Length);
        ECPoint rPoint;
        try
        {
            rPoint = Curve.Curve.DecodePoint(encoded);
        }
        catch (ArgumentException)
        {
            return null;
        }

        var e = new BcBigInteger(1, hash);
        var rInverse = r.ModInverse(n);
        var u1 = e.Negate().Mod(n).Multiply(rInverse).Mod(n);
        var u2 = s.Multiply(rInverse).Mod(n);
        var q = ECAlgorithms.SumOfTwoMultiplies(Domain.G, u1, rPoint, u2).Normalize();
        return q.IsInfinity ? null : q;
    }

    private static BcBigInteger PrivateScalar(ReadOnlySpan<byte> privateKey)
    {
        if (!IsValidPrivateKey(privateKey))
        {
            throw new ArgumentException("A private key is 32 bytes and a number between 1 and n-1.", nameof(privateKey));
        }

        return new BcBigInteger(1, privateKey);
    }

    private static void RequireHash(ReadOnlySpan<byte> hash32)
    {
        if (hash32.Length != 32)
        {
            throw new ArgumentException($"A 32-byte hash was expected, got {hash32.Length} bytes.", nameof(hash32));
        }
    }

    private static BigInteger ToBig(BcBigInteger value) => new(value.ToByteArrayUnsigned(), isUnsigned: true, isBigEndian: true);

    private static BcBigInteger ToBc(BigInteger value) => new(1, value.ToByteArray(isUnsigned: true, isBigEndian: true));
}
