namespace Mining.Core.Preparation;

/// <summary>The public document would not fit in one IPFS block.</summary>
public sealed class DocumentTooLargeException : Exception
{
    public DocumentTooLargeException()
    {
    }

    public DocumentTooLargeException(string message)
        : base(message)
    {
    }

    public DocumentTooLargeException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public DocumentTooLargeException(int size, int limit)
        : base($"The public document is {size} bytes; it must fit in one IPFS block of {limit} bytes. Shorten the body or split the learning.")
    {
        Size = size;
        Limit = limit;
    }

    public int Size { get; }

    public int Limit { get; }
}
