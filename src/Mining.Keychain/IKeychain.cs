namespace Mining.Keychain;

/// <summary>The operating system's secret store: Linux Secret Service, macOS Keychain, Windows Credential Manager.</summary>
/// <remarks>Entries are addressed by a service and an account name. Secrets travel in memory and pipes only, never on command lines or in messages.</remarks>
public interface IKeychain
{
    /// <summary>A name for messages, e.g. "Secret Service keychain".</summary>
    string Name { get; }

    /// <summary>The secret of the entry, or <see langword="null"/> when there is none.</summary>
    /// <exception cref="KeychainException">The keychain cannot be reached.</exception>
    ValueTask<string?> FindAsync(string service, string account, CancellationToken cancellationToken = default);

    /// <summary>Creates or replaces the entry.</summary>
    /// <exception cref="KeychainException">The keychain cannot be reached or refused the entry.</exception>
    ValueTask SaveAsync(string service, string account, string label, string secret, CancellationToken cancellationToken = default);

    /// <summary>Deletes the entry if it exists; returns whether it existed.</summary>
    ValueTask<bool> DeleteAsync(string service, string account, CancellationToken cancellationToken = default);
}
