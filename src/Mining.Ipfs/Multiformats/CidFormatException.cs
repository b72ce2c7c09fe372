namespace Mining.Ipfs.Multiformats;

/// <summary>A CID, multibase or multihash is malformed; the message says which part and what was expected.</summary>
public sealed class CidFormatException : FormatException
{
    public CidFormatException()
    {
    }

    public CidFormatException(string message)
        : base(message)
    {
    }

    public CidFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
