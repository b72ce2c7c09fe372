namespace Mining.Ethereum.Keystore;

/// <summary>The keystore is damaged or was altered: its structure, parameters or lengths are invalid, or the key it holds does not match its address field.</summary>
public sealed class KeystoreTamperedException : KeystoreException
{
    public KeystoreTamperedException()
        : base("The keystore is damaged or was altered. Restore it from a backup.")
    {
    }

    public KeystoreTamperedException(string message)
        : base(message)
    {
    }

    public KeystoreTamperedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    internal static KeystoreTamperedException Because(string reason) =>
        new($"The keystore is damaged or was altered: {reason}. Restore it from a backup (a passphrase cannot fix this).");
}
