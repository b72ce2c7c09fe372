using System.Net;

namespace Mining.Ipfs.Pinning;

/// <summary>The pinning service refused a request; <see cref="Reason"/> is the API's error reason (e.g. BAD_REQUEST, NOT_FOUND, UNAUTHORIZED).</summary>
public class PinningServiceException : Exception
{
    public PinningServiceException()
    {
    }

    public PinningServiceException(string message)
        : base(message)
    {
    }

    public PinningServiceException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public PinningServiceException(string provider, HttpStatusCode status, string reason, string? details, string advice)
        : base($"Pinning service '{provider}' answered HTTP {(int)status} {reason}{(string.IsNullOrEmpty(details) ? string.Empty : ": " + details)}. {advice}")
    {
        Provider = provider;
        StatusCode = status;
        Reason = reason;
        Details = details;
    }

    public string? Provider { get; }

    public HttpStatusCode? StatusCode { get; }

    public string? Reason { get; }

    public string? Details { get; }
}
