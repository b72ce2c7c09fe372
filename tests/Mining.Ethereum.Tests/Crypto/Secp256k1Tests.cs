using System.Numerics;
using Mining.Ethereum.Crypto;
using Mining.Ethereum.Tests.Support;

namespace Mining.Ethereum.Tests.Crypto;

public sealed class Secp256k1Tests
{
    private static readonly byte[] Key0 = Hex.Decode(AnvilAccounts.Key0);

    [Fact]
    public void A_private_key_derives_the_address_anvil_publishes()
    {
        Assert.Equal(AnvilAccounts.Address0, Address.FromPublicKey(Secp256k1.PublicKey(Key0)).ToString());
    }

    [Fact]
    public void Signing_a_hash_gives_exactly_the_signature_cast_gives()
    {
        var hash = Keccak256.Hash("anchoring"u8);
        var ours = Secp256k1.Sign(hash, Key0).ToRsv();
        var theirs = Cast.Run("wallet", "sign", "--no-hash", "--private-key", AnvilAccounts.Key0, Hex.Encode(hash));
        Assert.Equal(theirs, Hex.Encode(ours));
    }

    [Fact]
    public void Signatures_are_deterministic_and_low_s()
    {
        for (var i = 0; i < 20; i++)
        {
            var hash = Keccak256.Hash([(byte)i]);
            var first = Secp256k1.Sign(hash, Key0);
            Assert.Equal(first, Secp256k1.Sign(hash, Key0));
            Assert.True(first.S <= Secp256k1.Order / 2, $"s of signature {i} is high");
        }
    }

    [Fact]
    public void Recovery_returns_the_signer_and_a_tampered_hash_recovers_someone_else()
    {
        var hash = Keccak256.Hash("claim"u8);
        var signature = Secp256k1.Sign(hash, Key0);
        Assert.Equal(Address.Parse(AnvilAccounts.Address0), Secp256k1.RecoverAddress(hash, signature));
        hash[0] ^= 1;
        Assert.NotEqual(Address.Parse(AnvilAccounts.Address0), Secp256k1.RecoverAddress(hash, signature));
    }

    [Fact]
    public void An_out_of_range_signature_is_rejected()
    {
        var hash = Keccak256.Hash("x"u8);
        Assert.Throws<ArgumentException>(() => Secp256k1.RecoverPublicKey(hash, new Signature(Secp256k1.Order, BigInteger.One, 0)));
        Assert.Throws<ArgumentException>(() => Secp256k1.RecoverPublicKey(hash, new Signature(BigInteger.One, BigInteger.Zero, 0)));
    }

    [Fact]
    public void Zero_and_the_curve_order_are_not_private_keys()
    {
        Assert.False(Secp256k1.IsValidPrivateKey(new byte[32]));
        Assert.False(Secp256k1.IsValidPrivateKey(Secp256k1.Order.ToByteArray(isUnsigned: true, isBigEndian: true)));
        Assert.False(Secp256k1.IsValidPrivateKey(new byte[31]));
    }
}
