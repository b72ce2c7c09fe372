namespace Mining.Ethereum.Signing;

/// <summary>The operator key could not be loaded; the message names the setting to fix. Never contains key material or passphrases.</summary>
public sealed class KeyProviderException : Exception
{
    public KeyProviderException()
        : base("The operator key could not be loaded.")
    {
    }

    public KeyProviderException(string message)
        : base(message)
    {
    }

    public KeyProviderException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
