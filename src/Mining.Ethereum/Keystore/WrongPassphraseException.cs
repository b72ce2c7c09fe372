namespace Mining.Ethereum.Keystore;

/// <summary>The keystore is well formed but its MAC does not match the key derived from the passphrase.</summary>
/// <remarks>
/// Keystore v3 cannot tell a wrong passphrase from an altered ciphertext or MAC: both show as a MAC mismatch.
/// Every other alteration we can detect (structure, parameters, lengths, the address field) is a
/// <see cref="KeystoreTamperedException"/> instead.
/// </remarks>
public sealed class WrongPassphraseException : KeystoreException
{
    public WrongPassphraseException()
        : base("The passphrase does not unlock this keystore (MAC mismatch). Check the passphrase and try again; "
            + "if you are certain it is right, the file's ciphertext or MAC was altered: restore the keystore from a backup.")
    {
    }

    public WrongPassphraseException(string message)
        : base(message)
    {
    }

    public WrongPassphraseException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
