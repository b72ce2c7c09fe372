namespace Mining.Ipfs.Resilience;

/// <summary>An IPFS endpoint did not answer usefully after every retry; the message names it and the last failure.</summary>
public sealed class IpfsEndpointUnavailableException : Exception
{
    public IpfsEndpointUnavailableException()
    {
    }

    public IpfsEndpointUnavailableException(string message)
        : base(message)
    {
    }

    public IpfsEndpointUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public IpfsEndpointUnavailableException(Uri endpoint, int attempts, string lastFailure, Exception? innerException)
        : base($"{endpoint} did not answer after {attempts} attempt(s): {lastFailure}. Check that it is running and reachable, or raise its retry settings.", innerException)
    {
        Endpoint = endpoint;
        Attempts = attempts;
    }

    public Uri? Endpoint { get; }

    public int Attempts { get; }
}
