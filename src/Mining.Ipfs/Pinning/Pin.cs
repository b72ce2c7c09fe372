using Mining.Ipfs.Multiformats;

namespace Mining.Ipfs.Pinning;

/// <summary>What to pin (Pinning Service API <c>Pin</c>).</summary>
/// <param name="Cid">Content to pin.</param>
/// <param name="Name">Optional label, at most 255 characters; searchable.</param>
/// <param name="Origins">Multiaddrs of peers known to hold the content, to speed up the fetch.</param>
/// <param name="Meta">Optional key/value metadata, e.g. the learning id.</param>
public sealed record Pin(Cid Cid, string? Name = null, IReadOnlyList<string>? Origins = null, IReadOnlyDictionary<string, string>? Meta = null);
