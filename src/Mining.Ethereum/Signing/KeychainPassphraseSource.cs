using Mining.Keychain;

namespace Mining.Ethereum.Signing;

/// <summary>Takes the passphrase from an entry of the OS keychain (service + account).</summary>
public sealed class KeychainPassphraseSource(IKeychain keychain, string service, string account) : IPassphraseSource
{
    /// <inheritdoc/>
    public string Description => $"{keychain.Name} entry service='{service}' account='{account}'";

    /// <inheritdoc/>
    public async ValueTask<string> GetPassphraseAsync(CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(keychain);
        var secret = await keychain.FindAsync(service, account, cancellationToken);
        return string.IsNullOrEmpty(secret)
            ? throw new PassphraseUnavailableException($"The {Description} does not exist: store the passphrase there first (mining wallet create or change-passphrase with --save-to-keychain).")
            : secret;
    }
}
