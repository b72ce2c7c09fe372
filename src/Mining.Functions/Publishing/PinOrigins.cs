using Mining.Functions.Pinning;
using Mining.Ipfs.Kubo;
using Mining.Ipfs.Resilience;

namespace Mining.Functions.Publishing;

/// <summary>
/// The multiaddrs of the Kubo nodes the service adds content to, given to pinning services as <c>origins</c> so they
/// fetch a learning straight from a node that holds it. Asked once and kept for a minute; a node that does not answer
/// adds no origins (they are a hint: the pin itself still goes ahead).
/// </summary>
internal sealed class PinOrigins(IpfsTargets ipfs, TimeProvider time)
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(1);
    private readonly Lock _gate = new();
    private Task<IReadOnlyList<string>>? _addresses;
    private DateTimeOffset _until;

    public Task<IReadOnlyList<string>> GetAsync()
    {
        lock (_gate)
        {
            if (_addresses is null || time.GetUtcNow() >= _until)
            {
                _addresses = LoadAsync();
                _until = time.GetUtcNow() + Lifetime;
            }

            return _addresses;
        }
    }

    private async Task<IReadOnlyList<string>> LoadAsync()
    {
        var addresses = new List<string>();
        foreach (var node in ipfs.Nodes)
        {
            addresses.AddRange(await AddressesAsync(node, CancellationToken.None));
        }

        return addresses;
    }

    private static async Task<IEnumerable<string>> AddressesAsync(KuboClient node, CancellationToken cancellationToken)
    {
        try
        {
            var id = await node.IdAsync(cancellationToken);
            return id.Addresses.Select(a => a.Contains("/p2p/", StringComparison.Ordinal) ? a : $"{a}/p2p/{id.PeerId}");
        }
        catch (Exception e) when (e is HttpRequestException or KuboApiException or IpfsEndpointUnavailableException or TaskCanceledException)
        {
            return [];
        }
    }
}
