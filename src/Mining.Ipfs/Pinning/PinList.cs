namespace Mining.Ipfs.Pinning;

/// <summary>A page of pin requests and the total that matched (Pinning Service API <c>PinResults</c>).</summary>
public sealed record PinList(int Count, IReadOnlyList<PinStatus> Results);
