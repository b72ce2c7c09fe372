namespace Mining.Ethereum.Signing;

/// <summary>The configuration section <c>KeyProvider</c>: where the operator key lives and how it is unlocked.</summary>
/// <remarks>Error messages name each setting as an environment variable / app setting (<c>KeyProvider__KeystorePath</c>).</remarks>
public sealed class KeyProviderSettings
{
    /// <summary>The configuration section name.</summary>
    public const string SectionName = "KeyProvider";

    /// <summary>The keychain service under which <c>mining wallet</c> stores passphrases.</summary>
    public const string DefaultKeychainService = "mining-wallet";

    /// <summary>Keystore, KeyVault or Environment.</summary>
    public KeyProviderKind Kind { get; set; } = KeyProviderKind.Keystore;

    /// <summary>Kind Keystore: path of the keystore v3 file.</summary>
    public string? KeystorePath { get; set; }

    /// <summary>Kind Keystore: name of the environment variable holding the passphrase (exclusive with the keychain account).</summary>
    public string? PassphraseEnvironmentVariable { get; set; }

    /// <summary>Kind Keystore: account of the OS keychain entry holding the passphrase (exclusive with the environment variable).</summary>
    public string? PassphraseKeychainAccount { get; set; }

    /// <summary>Kind Keystore: service of the OS keychain entry.</summary>
    public string PassphraseKeychainService { get; set; } = DefaultKeychainService;

    /// <summary>Kind KeyVault: the vault, e.g. <c>https://my-vault.vault.azure.net/</c>.</summary>
    public Uri? KeyVaultUri { get; set; }

    /// <summary>Kind KeyVault: the secret holding the keystore JSON.</summary>
    public string KeystoreSecretName { get; set; } = "operator-keystore";

    /// <summary>Kind KeyVault: the secret holding the keystore's passphrase.</summary>
    public string PassphraseSecretName { get; set; } = "operator-keystore-passphrase";

    /// <summary>Kind KeyVault: client id of a user-assigned managed identity (empty: DefaultAzureCredential's choice).</summary>
    public string? ManagedIdentityClientId { get; set; }

    /// <summary>Kind Environment: name of the environment variable holding the hex private key.</summary>
    public string? PrivateKeyEnvironmentVariable { get; set; }

    /// <summary>Every problem with the settings, each naming its setting; empty when they are usable.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        switch (Kind)
        {
            case KeyProviderKind.Keystore:
                if (string.IsNullOrWhiteSpace(KeystorePath))
                {
                    errors.Add($"{Name(nameof(KeystorePath))} is not set: give the path of the operator's keystore v3 file.");
                }

                var hasEnvironment = !string.IsNullOrWhiteSpace(PassphraseEnvironmentVariable);
                var hasKeychain = !string.IsNullOrWhiteSpace(PassphraseKeychainAccount);
                if (hasEnvironment == hasKeychain)
                {
                    errors.Add($"Set exactly one of {Name(nameof(PassphraseEnvironmentVariable))} (an environment variable name) "
                        + $"or {Name(nameof(PassphraseKeychainAccount))} (an OS keychain account) to say where the keystore's passphrase comes from.");
                }

                break;
            case KeyProviderKind.KeyVault:
                if (KeyVaultUri is null || !KeyVaultUri.IsAbsoluteUri || KeyVaultUri.Scheme != Uri.UriSchemeHttps)
                {
                    errors.Add($"{Name(nameof(KeyVaultUri))} must be the vault's https URI, e.g. https://my-vault.vault.azure.net/.");
                }

                if (string.IsNullOrWhiteSpace(KeystoreSecretName))
                {
                    errors.Add($"{Name(nameof(KeystoreSecretName))} must name the secret holding the keystore JSON.");
                }

                if (string.IsNullOrWhiteSpace(PassphraseSecretName))
                {
                    errors.Add($"{Name(nameof(PassphraseSecretName))} must name the secret holding the keystore's passphrase.");
                }

                break;
            case KeyProviderKind.Environment:
                if (string.IsNullOrWhiteSpace(PrivateKeyEnvironmentVariable))
                {
                    errors.Add($"{Name(nameof(PrivateKeyEnvironmentVariable))} is not set: name the environment variable holding the hex private key.");
                }

                break;
            default:
                errors.Add($"{Name(nameof(Kind))} '{Kind}' is not one of Keystore, KeyVault, Environment.");
                break;
        }

        return errors;
    }

    /// <summary>The setting's name as an environment variable or app setting.</summary>
    public static string Name(string property) => $"{SectionName}__{property}";
}
