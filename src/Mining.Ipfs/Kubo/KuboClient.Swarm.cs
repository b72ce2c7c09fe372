namespace Mining.Ipfs.Kubo;

public sealed partial class KuboClient
{
    /// <summary><c>ipfs swarm connect</c> to a multiaddr ending in <c>/p2p/{peer id}</c>.</summary>
    public async Task SwarmConnectAsync(string multiaddr, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(multiaddr);
        using var json = await PostJsonAsync("swarm/connect", [new("arg", multiaddr)], cancellationToken);
    }

    /// <summary><c>ipfs swarm peers</c>.</summary>
    public async Task<IReadOnlyList<KuboSwarmPeer>> SwarmPeersAsync(CancellationToken cancellationToken = default)
    {
        using var json = await PostJsonAsync("swarm/peers", [], cancellationToken);
        if (!json.RootElement.TryGetProperty("Peers", out var peers) || peers.ValueKind != System.Text.Json.JsonValueKind.Array)
        {
            return [];
        }

        return [.. peers.EnumerateArray().Select(p => new KuboSwarmPeer(p.GetProperty("Peer").GetString()!, p.GetProperty("Addr").GetString()!))];
    }
}
