namespace Mining.Core.Merkle;

/// <summary>A batch manifest or learning receipt is not in the documented JSON form; the message names the field.</summary>
public sealed class ReceiptFormatException : Exception
{
    public ReceiptFormatException()
    {
    }

    public ReceiptFormatException(string message)
        : base(message)
    {
    }

    public ReceiptFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
