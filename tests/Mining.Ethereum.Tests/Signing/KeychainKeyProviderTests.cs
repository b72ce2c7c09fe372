using System.Runtime.Versioning;
using Mining.Ethereum.Keystore;
using Mining.Ethereum.Signing;
using Mining.Testing;

namespace Mining.Ethereum.Tests.Signing;

/// <summary>The keystore's passphrase from the real Linux Secret Service: gnome-keyring on a private D-Bus session.</summary>
[UnsupportedOSPlatform("windows")]
public sealed class KeychainKeyProviderTests : SecretServiceTest
{
    [Fact]
    public async Task The_operator_keystore_unlocks_with_its_passphrase_from_gnome_keyring()
    {
        using var directory = new TemporaryDirectory();
        var created = KeystoreV3.CreateNew("operator passphrase", ScryptParameters.Light);
        var path = Path.Combine(directory.Path, "operator.json");
        File.WriteAllText(path, created.Json);
        await Session.Keychain.SaveAsync(KeyProviderSettings.DefaultKeychainService, "operator", "operator key", "operator passphrase");
        var factory = new KeyProviderFactory(Session.Keychain, _ => null, _ => throw new InvalidOperationException("no vault"), null);

        using var signer = await factory.CreateAsync(new KeyProviderSettings { KeystorePath = path, PassphraseKeychainAccount = "operator" });

        Assert.Equal(created.Address, signer.Address);
    }

    [Fact]
    public async Task A_missing_keychain_entry_names_the_setting_to_fix()
    {
        using var directory = new TemporaryDirectory();
        var path = Path.Combine(directory.Path, "operator.json");
        File.WriteAllText(path, KeystoreV3.CreateNew("operator passphrase", ScryptParameters.Light).Json);
        var factory = new KeyProviderFactory(Session.Keychain, _ => null, _ => throw new InvalidOperationException("no vault"), null);

        var error = await Assert.ThrowsAsync<KeyProviderException>(() =>
            factory.CreateAsync(new KeyProviderSettings { KeystorePath = path, PassphraseKeychainAccount = "nobody" }));

        Assert.Contains("KeyProvider__PassphraseKeychainAccount", error.Message, StringComparison.Ordinal);
        Assert.Contains("account='nobody'", error.Message, StringComparison.Ordinal);
    }
}
