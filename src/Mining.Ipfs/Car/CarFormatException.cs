namespace Mining.Ipfs.Car;

/// <summary>A CAR stream is malformed or truncated; the message says where. Discard the whole archive.</summary>
public sealed class CarFormatException : FormatException
{
    public CarFormatException()
    {
    }

    public CarFormatException(string message)
        : base(message)
    {
    }

    public CarFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
