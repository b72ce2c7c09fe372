namespace Mining.Keychain;

/// <summary>The OS keychain could not be used; the message says what is missing (a package, a session bus, an unlocked keyring).</summary>
public sealed class KeychainException : Exception
{
    public KeychainException()
        : base("The OS keychain could not be used.")
    {
    }

    public KeychainException(string message)
        : base(message)
    {
    }

    public KeychainException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
