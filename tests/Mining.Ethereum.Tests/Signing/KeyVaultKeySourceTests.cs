using Mining.Ethereum.Keystore;
using Mining.Ethereum.Signing;
using Mining.Keychain;

namespace Mining.Ethereum.Tests.Signing;

/// <summary>The Key Vault provider through the real Azure SDK pipeline, against <see cref="FakeKeyVault"/> (a fake of the secrets REST API).</summary>
public sealed class KeyVaultKeySourceTests : IAsyncLifetime
{
    private FakeKeyVault? _vault;

    private FakeKeyVault Vault => _vault!;

    public async Task InitializeAsync() => _vault = await FakeKeyVault.StartAsync();

    public async Task DisposeAsync()
    {
        if (_vault is not null)
        {
            await _vault.DisposeAsync();
        }
    }

    [Fact]
    public async Task The_operator_key_loads_from_the_keystore_and_passphrase_secrets_of_the_fake_vault()
    {
        var created = KeystoreV3.CreateNew("vault passphrase", ScryptParameters.Light);
        Vault.Secrets["operator-keystore"] = created.Json;
        Vault.Secrets["operator-keystore-passphrase"] = "vault passphrase";

        using var signer = await Factory().CreateAsync(Settings());

        Assert.Equal(created.Address, signer.Address);
    }

    [Fact]
    public async Task A_missing_secret_names_the_secret_and_its_setting()
    {
        Vault.Secrets["operator-keystore"] = KeystoreV3.CreateNew("vault passphrase", ScryptParameters.Light).Json;

        var error = await Assert.ThrowsAsync<KeyProviderException>(() => Factory().CreateAsync(Settings()));

        Assert.Contains("'operator-keystore-passphrase'", error.Message, StringComparison.Ordinal);
        Assert.Contains("KeyProvider__PassphraseSecretName", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_passphrase_secret_that_does_not_unlock_the_keystore_secret_is_reported_as_a_wrong_passphrase()
    {
        Vault.Secrets["operator-keystore"] = KeystoreV3.CreateNew("vault passphrase", ScryptParameters.Light).Json;
        Vault.Secrets["operator-keystore-passphrase"] = "stale passphrase";

        var error = await Assert.ThrowsAsync<KeyProviderException>(() => Factory().CreateAsync(Settings()));

        Assert.IsType<WrongPassphraseException>(error.InnerException);
        Assert.Contains("KeyProvider__PassphraseSecretName", error.Message, StringComparison.Ordinal);
    }

    private KeyProviderFactory Factory() => new(new SecretServiceKeychain(), _ => null, _ => Vault.CreateClient(), null);

    private KeyProviderSettings Settings() => new() { Kind = KeyProviderKind.KeyVault, KeyVaultUri = Vault.Uri };
}
