namespace Mining.Ethereum.Keystore;

/// <summary>A keystore file could not be unlocked; the subclass says why. Messages never contain key material or passphrases.</summary>
public abstract class KeystoreException : Exception
{
    protected KeystoreException(string message)
        : base(message)
    {
    }

    protected KeystoreException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
