namespace Mining.Ipfs.Pinning;

/// <summary>A pin request ended as failed, or did not finish within the configured time; the message says which and what the provider said.</summary>
public sealed class PinFailedException : Exception
{
    public PinFailedException()
    {
    }

    public PinFailedException(string message)
        : base(message)
    {
    }

    public PinFailedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public PinFailedException(string provider, PinStatus last, string what)
        : base($"Pin of {last.Pin.Cid} on '{provider}' (request {last.RequestId}) {what}; last status {last.Status}"
            + (last.Info.Count > 0 ? $" ({string.Join(", ", last.Info.Select(i => $"{i.Key}: {i.Value}"))})" : string.Empty)
            + ". Check that a node holding the content is reachable (origins) and retry.")
    {
        LastStatus = last;
    }

    public PinStatus? LastStatus { get; }
}
