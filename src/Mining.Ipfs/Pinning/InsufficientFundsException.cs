using System.Net;

namespace Mining.Ipfs.Pinning;

/// <summary>The provider refused the pin for lack of credit (HTTP 409, reason INSUFFICIENT_FUNDS): top up the account or use another provider.</summary>
public sealed class InsufficientFundsException : PinningServiceException
{
    public InsufficientFundsException()
    {
    }

    public InsufficientFundsException(string message)
        : base(message)
    {
    }

    public InsufficientFundsException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public InsufficientFundsException(string provider, string reason, string? details)
        : base(provider, HttpStatusCode.Conflict, reason, details, "Top up the provider account or pin with another provider; retrying will not help.")
    {
    }
}
