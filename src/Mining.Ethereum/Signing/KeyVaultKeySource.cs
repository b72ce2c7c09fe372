using Azure;
using Azure.Security.KeyVault.Secrets;
using Mining.Ethereum.Keystore;

namespace Mining.Ethereum.Signing;

/// <summary>Loads a signer from two Azure Key Vault secrets: the keystore JSON and its passphrase.</summary>
/// <remarks>
/// The private key never exists in the vault in the clear: an operator with only secret-read rights still needs both
/// secrets, and the vault's audit log records each read. In Azure the client authenticates with the app's managed identity.
/// </remarks>
public sealed class KeyVaultKeySource(SecretClient client, string keystoreSecretName, string passphraseSecretName)
{
    /// <summary>Reads both secrets and unlocks the key.</summary>
    /// <exception cref="KeyProviderException">A secret is missing or cannot be read; the message names the setting.</exception>
    /// <exception cref="KeystoreException">Wrong passphrase or a damaged keystore.</exception>
    public async Task<PrivateKeySigner> LoadAsync(CancellationToken cancellationToken = default)
    {
        var json = await ReadAsync(keystoreSecretName, nameof(KeyProviderSettings.KeystoreSecretName), cancellationToken);
        var passphrase = await ReadAsync(passphraseSecretName, nameof(KeyProviderSettings.PassphraseSecretName), cancellationToken);
        return await Task.Run(() => KeystoreV3.Decrypt(json, passphrase), cancellationToken);
    }

    private async Task<string> ReadAsync(string name, string setting, CancellationToken cancellationToken)
    {
        try
        {
            var secret = await client.GetSecretAsync(name, cancellationToken: cancellationToken);
            return secret.Value.Value;
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            throw new KeyProviderException(
                $"The Key Vault {client.VaultUri} has no secret '{name}' (from {KeyProviderSettings.Name(setting)}): create it or fix the setting.", e);
        }
        catch (RequestFailedException e) when (e.Status is 401 or 403)
        {
            throw new KeyProviderException(
                $"The Key Vault {client.VaultUri} refused to read secret '{name}' (HTTP {e.Status}): grant the app's identity the 'Key Vault Secrets User' role.", e);
        }
        catch (RequestFailedException e)
        {
            throw new KeyProviderException($"Reading secret '{name}' from the Key Vault {client.VaultUri} failed (HTTP {e.Status}, {e.ErrorCode}).", e);
        }
    }
}
