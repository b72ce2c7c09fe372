namespace Mining.Ethereum.Signing;

/// <summary>A passphrase source holds no passphrase (unset environment variable, missing keychain entry, no terminal to prompt on).</summary>
public sealed class PassphraseUnavailableException : Exception
{
    public PassphraseUnavailableException()
        : base("No passphrase is available from the configured source.")
    {
    }

    public PassphraseUnavailableException(string message)
        : base(message)
    {
    }

    public PassphraseUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
