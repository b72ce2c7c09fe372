namespace Mining.Ethereum.Signing;

/// <summary>Where the passphrase of a keystore comes from: an environment variable, the OS keychain, a prompt, a vault.</summary>
/// <remarks>Implementations never log the passphrase nor put it in an exception message.</remarks>
public interface IPassphraseSource
{
    /// <summary>A description of the source for messages, e.g. "environment variable MINING_PASSPHRASE". Never the passphrase.</summary>
    string Description { get; }

    /// <summary>Returns the passphrase.</summary>
    /// <exception cref="PassphraseUnavailableException">The source holds no passphrase.</exception>
    ValueTask<string> GetPassphraseAsync(CancellationToken cancellationToken = default);
}
