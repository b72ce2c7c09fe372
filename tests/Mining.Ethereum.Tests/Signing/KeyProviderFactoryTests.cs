using Mining.Ethereum.Keystore;
using Mining.Ethereum.Signing;
using Mining.Keychain;

namespace Mining.Ethereum.Tests.Signing;

public sealed class KeyProviderFactoryTests : IDisposable
{
    private const string Passphrase = "operator passphrase";
    private readonly TemporaryDirectory _directory = new();
    private readonly Dictionary<string, string> _environment = [];

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task The_operator_keystore_unlocks_with_its_passphrase_from_an_environment_variable()
    {
        var (path, address) = WriteKeystore();
        _environment["OPERATOR_PASSPHRASE"] = Passphrase;

        using var signer = await Factory().CreateAsync(new KeyProviderSettings { KeystorePath = path, PassphraseEnvironmentVariable = "OPERATOR_PASSPHRASE" });

        Assert.Equal(address, signer.Address);
    }

    [Fact]
    public async Task Every_invalid_setting_is_named_at_once()
    {
        var error = await Assert.ThrowsAsync<KeyProviderException>(() => Factory().CreateAsync(new KeyProviderSettings()));

        Assert.Contains("KeyProvider__KeystorePath", error.Message, StringComparison.Ordinal);
        Assert.Contains("KeyProvider__PassphraseEnvironmentVariable", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_key_vault_without_an_https_uri_names_the_setting()
    {
        var error = await Assert.ThrowsAsync<KeyProviderException>(() =>
            Factory().CreateAsync(new KeyProviderSettings { Kind = KeyProviderKind.KeyVault, KeyVaultUri = new Uri("http://vault.example/") }));

        Assert.Contains("KeyProvider__KeyVaultUri", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_keystore_file_names_the_path_setting()
    {
        _environment["OPERATOR_PASSPHRASE"] = Passphrase;
        var path = Path.Combine(_directory.Path, "missing.json");

        var error = await Assert.ThrowsAsync<KeyProviderException>(() =>
            Factory().CreateAsync(new KeyProviderSettings { KeystorePath = path, PassphraseEnvironmentVariable = "OPERATOR_PASSPHRASE" }));

        Assert.Contains("KeyProvider__KeystorePath", error.Message, StringComparison.Ordinal);
        Assert.Contains(path, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unset_passphrase_variable_names_the_variable_and_the_setting()
    {
        var (path, _) = WriteKeystore();

        var error = await Assert.ThrowsAsync<KeyProviderException>(() =>
            Factory().CreateAsync(new KeyProviderSettings { KeystorePath = path, PassphraseEnvironmentVariable = "OPERATOR_PASSPHRASE" }));

        Assert.Contains("KeyProvider__PassphraseEnvironmentVariable", error.Message, StringComparison.Ordinal);
        Assert.Contains("OPERATOR_PASSPHRASE is not set", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_wrong_passphrase_keeps_its_own_error_inside_the_provider_error()
    {
        var (path, _) = WriteKeystore();
        _environment["OPERATOR_PASSPHRASE"] = "not it at all";

        var error = await Assert.ThrowsAsync<KeyProviderException>(() =>
            Factory().CreateAsync(new KeyProviderSettings { KeystorePath = path, PassphraseEnvironmentVariable = "OPERATOR_PASSPHRASE" }));

        Assert.IsType<WrongPassphraseException>(error.InnerException);
        Assert.Contains("does not unlock", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_environment_kind_loads_a_hex_key_for_development()
    {
        using var expected = PrivateKeySigner.FromHex(Support.AnvilAccounts.Key0);
        _environment["DEV_OPERATOR_KEY"] = Support.AnvilAccounts.Key0;

        using var signer = await Factory().CreateAsync(new KeyProviderSettings { Kind = KeyProviderKind.Environment, PrivateKeyEnvironmentVariable = "DEV_OPERATOR_KEY" });

        Assert.Equal(expected.Address, signer.Address);
    }

    private KeyProviderFactory Factory(Microsoft.Extensions.Logging.ILogger? logger = null) =>
        new(new SecretServiceKeychain(), name => _environment.GetValueOrDefault(name), _ => throw new InvalidOperationException("no vault in this test"), logger);

    private (string Path, Address Address) WriteKeystore()
    {
        var created = KeystoreV3.CreateNew(Passphrase, ScryptParameters.Light);
        var path = Path.Combine(_directory.Path, "operator.json");
        File.WriteAllText(path, created.Json);
        return (path, created.Address);
    }
}
