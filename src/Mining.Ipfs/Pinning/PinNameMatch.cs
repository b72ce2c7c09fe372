namespace Mining.Ipfs.Pinning;

/// <summary>How <see cref="PinListQuery.Name"/> is compared (Pinning Service API <c>TextMatchingStrategy</c>).</summary>
public enum PinNameMatch
{
    Exact,
    IExact,
    Partial,
    IPartial,
}
