using System.Text;
using Mining.Ethereum.Signing;
using Mining.Ethereum.Tests.Support;

namespace Mining.Ethereum.Tests.Signing;

public sealed class SigningTests
{
    [Fact]
    public async Task Personal_sign_gives_exactly_the_signature_cast_wallet_sign_gives()
    {
        using var signer = PrivateKeySigner.FromHex(AnvilAccounts.Key0);
        var message = Encoding.UTF8.GetBytes("I approve learning bafkrei... for publication");
        var ours = await PersonalMessage.SignAsync(signer, message);
        Assert.Equal(Cast.Run("wallet", "sign", "--private-key", AnvilAccounts.Key0, Encoding.UTF8.GetString(message)), Hex.Encode(ours));
        Assert.Equal(signer.Address, PersonalMessage.RecoverSigner(message, ours));
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
