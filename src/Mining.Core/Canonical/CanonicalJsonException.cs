namespace Mining.Core.Canonical;

/// <summary>A value cannot be written as RFC 8785 canonical JSON (non-finite number, lone surrogate, unsupported type).</summary>
public sealed class CanonicalJsonException : Exception
{
    public CanonicalJsonException()
    {
    }

    public CanonicalJsonException(string message)
        : base(message)
    {
    }

    public CanonicalJsonException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
