namespace Mining.Ethereum.Signing;

/// <summary>Where the operator key lives.</summary>
public enum KeyProviderKind
{
    /// <summary>A keystore v3 file unlocked by a passphrase from the OS keychain or an environment variable.</summary>
    Keystore,

    /// <summary>An Azure Key Vault holding the keystore and its passphrase as two secrets (managed identity in Azure).</summary>
    KeyVault,

    /// <summary>A hex private key in an environment variable: development and CI only.</summary>
    Environment,
}
