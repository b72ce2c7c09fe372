using Mining.Ipfs.Multiformats;

namespace Mining.Ipfs.Pinning;

/// <summary>Filters of <c>GET /pins</c>; unset filters are not sent (the provider then lists pinned requests only).</summary>
public sealed record PinListQuery
{
    /// <summary>At most 10 CIDs.</summary>
    public IReadOnlyList<Cid>? Cids { get; init; }

    public string? Name { get; init; }

    public PinNameMatch Match { get; init; } = PinNameMatch.Exact;

    /// <summary>Null means the provider's default (pinned).</summary>
    public IReadOnlyList<PinningStatus>? Statuses { get; init; }

    public DateTimeOffset? Before { get; init; }

    public DateTimeOffset? After { get; init; }

    /// <summary>1 to 1000; null means the provider's default (10).</summary>
    public int? Limit { get; init; }

    public IReadOnlyDictionary<string, string>? Meta { get; init; }
}
