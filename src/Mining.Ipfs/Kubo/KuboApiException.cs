using System.Net;

namespace Mining.Ipfs.Kubo;

/// <summary>The Kubo RPC API refused or failed a command; <see cref="Exception.Message"/> carries the node's own explanation.</summary>
public sealed class KuboApiException : Exception
{
    public KuboApiException()
    {
    }

    public KuboApiException(string message)
        : base(message)
    {
    }

    public KuboApiException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public KuboApiException(string command, HttpStatusCode status, string nodeMessage)
        : base($"Kubo RPC '{command}' failed with HTTP {(int)status}: {nodeMessage}")
    {
        Command = command;
        StatusCode = status;
        NodeMessage = nodeMessage;
    }

    public string? Command { get; }

    public HttpStatusCode? StatusCode { get; }

    public string? NodeMessage { get; }
}
