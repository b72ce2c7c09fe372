using System.Text;
using Mining.Ethereum.Signing;
using Mining.Ethereum.Tests.Support;
using Mining.Testing;
using Nethereum.Util;
using Nethereum.Hex.HexConvertors.Extensions;

namespace Mining.Ethereum.Tests.Signing;

public sealed class SigningTests
{
    [Fact]
    public void A_private_key_derives_the_address_anvil_publishes()
    {
        using var signer = PrivateKeySigner.FromHex(AnvilAccounts.Key0);
        Assert.Equal(AnvilAccounts.Address0, signer.Address.ToString());
    }

    [Fact]
    public async Task Signing_a_hash_gives_exactly_the_signature_cast_gives()
    {
        using var signer = PrivateKeySigner.FromHex(AnvilAccounts.Key0);
        var hash = Sha3Keccack.Current.CalculateHash("anchoring"u8.ToArray());
        var signature = await signer.SignHashAsync(hash);
        var ours = ((byte[])[.. signature.R, .. signature.S, (byte)(27 + signature.V[^1])]).ToHex(true);
        Assert.Equal(Cast.Run("wallet", "sign", "--no-hash", "--private-key", AnvilAccounts.Key0, hash.ToArray().ToHex(true)), ours);
    }

    [Fact]
    public async Task Personal_sign_gives_exactly_the_signature_cast_wallet_sign_gives()
    {
        using var signer = PrivateKeySigner.FromHex(AnvilAccounts.Key0);
        var message = Encoding.UTF8.GetBytes("I approve learning bafkrei... for publication");
        var ours = await PersonalMessage.SignAsync(signer, message);
        Assert.Equal(Cast.Run("wallet", "sign", "--private-key", AnvilAccounts.Key0, Encoding.UTF8.GetString(message)), ours.ToArray().ToHex(true));
        Assert.Equal(signer.Address, PersonalMessage.RecoverSigner(message, ours));
    }

    [Fact]
    public async Task A_signature_over_another_message_recovers_someone_else()
    {
        using var signer = PrivateKeySigner.FromHex(AnvilAccounts.Key0);
        var signature = await PersonalMessage.SignAsync(signer, "approve"u8.ToArray());
        Assert.NotEqual(signer.Address, PersonalMessage.RecoverSigner("reject"u8, signature));
    }

    [Theory]
    [InlineData("0x0000000000000000000000000000000000000000000000000000000000000000")]
    [InlineData("0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141")]
    [InlineData("0x1234")]
    public void A_key_outside_the_curve_order_is_refused(string key)
    {
        Assert.Throws<ArgumentException>(() => PrivateKeySigner.FromHex(key));
    }

    [Fact]
    public void The_signer_never_shows_its_key()
    {
        using var signer = PrivateKeySigner.FromHex(AnvilAccounts.Key0);
        Assert.DoesNotContain(AnvilAccounts.Key0[2..], signer.ToString(), StringComparison.OrdinalIgnoreCase);
        Assert.Contains(AnvilAccounts.Address0, signer.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_disposed_signer_refuses_to_sign()
    {
        var signer = PrivateKeySigner.CreateRandom();
        signer.Dispose();
        await Assert.ThrowsAsync<ObjectDisposedException>(async () => await signer.SignHashAsync(new byte[32]));
    }
}
