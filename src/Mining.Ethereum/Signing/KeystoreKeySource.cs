using Mining.Ethereum.Keystore;

namespace Mining.Ethereum.Signing;

/// <summary>Loads a signer from a keystore v3 file and a passphrase source.</summary>
public static class KeystoreKeySource
{
    /// <summary>Reads the file, asks the source for the passphrase, and unlocks the key.</summary>
    /// <exception cref="FileNotFoundException">The keystore file does not exist.</exception>
    /// <exception cref="PassphraseUnavailableException">The source holds no passphrase.</exception>
    /// <exception cref="KeystoreException">Wrong passphrase or a damaged file.</exception>
    public static async Task<PrivateKeySigner> LoadAsync(string path, IPassphraseSource passphrase, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(passphrase);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"The keystore file '{path}' does not exist.", path);
        }

        var json = await File.ReadAllTextAsync(path, cancellationToken);
        KeystoreV3.Validate(json);
        var secret = await passphrase.GetPassphraseAsync(cancellationToken);
        return await Task.Run(() => KeystoreV3.Decrypt(json, secret), cancellationToken);
    }
}
