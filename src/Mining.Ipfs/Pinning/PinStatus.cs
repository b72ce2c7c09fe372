namespace Mining.Ipfs.Pinning;

/// <summary>A pin request as the provider reports it (Pinning Service API <c>PinStatus</c>).</summary>
/// <param name="RequestId">The provider's id of the request; a replace creates a new one.</param>
/// <param name="Status">Queued, pinning, pinned or failed.</param>
/// <param name="Created">When the provider accepted the request.</param>
/// <param name="Pin">The pinned object.</param>
/// <param name="Delegates">Multiaddrs of the provider's nodes that will hold the content.</param>
/// <param name="Info">Provider-specific details (e.g. <c>status_details</c>).</param>
public sealed record PinStatus(
    string RequestId,
    PinningStatus Status,
    DateTimeOffset Created,
    Pin Pin,
    IReadOnlyList<string> Delegates,
    IReadOnlyDictionary<string, string> Info);
