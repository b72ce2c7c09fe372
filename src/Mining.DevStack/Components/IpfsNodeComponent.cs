using System.Globalization;
using System.Text.Json;

namespace Mining.DevStack.Components;

/// <summary>
/// A local IPFS node (infra/local/ipfs-node.mjs on Helia): Kubo RPC subset, trustless gateway and Pinning Service API
/// on loopback, blocks and pins persisted in its data folder. With <c>connectTo</c> it dials that node once the stack
/// is ready, so its gateway can fetch over bitswap what only the other node holds.
/// </summary>
internal sealed class IpfsNodeComponent(string node, string? connectTo = null) : IDevComponent
{
    /// <summary>Bearer token of the local nodes' Pinning Service API (loopback only; not a secret).</summary>
    public const string PinningToken = "devstack-local-pinning-token";

    public string Name => ComponentName(node);

    public IReadOnlyDictionary<string, int> DefaultPorts { get; } = node == "A"
        ? new Dictionary<string, int> { ["rpc"] = 5001, ["gateway"] = 8080, ["pinning"] = 5101, ["swarm"] = 4001 }
        : new Dictionary<string, int> { ["rpc"] = 5002, ["gateway"] = 8081, ["pinning"] = 5102, ["swarm"] = 4002 };

    public static string ComponentName(string node) => "ipfs-" + node.ToLowerInvariant();

    /// <summary>The endpoints of the running IPFS nodes (A, then B), as the stack publishes them.</summary>
    public static IReadOnlyList<IpfsNodeEndpoints> EndpointsOf(IReadOnlyDictionary<string, ComponentState> running) =>
        [.. Nodes.Where(n => running.ContainsKey(ComponentName(n))).Select(n => (Node: n, State: running[ComponentName(n)])).Select(n =>
            new IpfsNodeEndpoints(n.Node, n.State.Url("rpc"), n.State.Url("gateway"), n.State.Url("pinning"), PinningToken))];

    private static IReadOnlyList<string> Nodes { get; } = ["A", "B"];

    public string DescribeHealthCheck(ComponentState state) => $"POST {new Uri(state.Url("rpc"), "api/v0/id")}";

    public ComponentCommand BuildCommand(ComponentContext context) => new(
        context.Tools.Node,
        [
            Path.Combine(context.Tools.NodeModules, "..", "ipfs-node.mjs"),
            "--name", node,
            "--repo", context.DataDirectory,
            "--rpc-port", Port(context, "rpc"),
            "--gateway-port", Port(context, "gateway"),
            "--pinning-port", Port(context, "pinning"),
            "--swarm-port", Port(context, "swarm"),
            "--pinning-token", PinningToken,
        ]);

    public async Task<bool> IsHealthyAsync(ComponentState state, HttpClient http, CancellationToken cancellationToken) =>
        await HealthProbe.PostJsonAsync(http, new Uri(state.Url("rpc"), "api/v0/id"), "{}", cancellationToken) is not null;

    public async Task OnStackReadyAsync(IReadOnlyDictionary<string, ComponentState> stack, HttpClient http, CancellationToken cancellationToken)
    {
        if (connectTo is null)
        {
            return;
        }

        var peer = stack[ComponentName(connectTo)];
        var id = await HealthProbe.PostJsonAsync(http, new Uri(peer.Url("rpc"), "api/v0/id"), "{}", cancellationToken)
            ?? throw new InvalidOperationException($"IPFS node {connectTo} did not answer /api/v0/id; see {peer.LogPath}.");
        using var json = JsonDocument.Parse(id);
        var address = json.RootElement.GetProperty("Addresses")[0].GetString()!;
        var connect = new Uri(stack[Name].Url("rpc"), "api/v0/swarm/connect?arg=" + Uri.EscapeDataString(address));
        _ = await HealthProbe.PostJsonAsync(http, connect, "{}", cancellationToken)
            ?? throw new InvalidOperationException($"IPFS node {node} could not connect to node {connectTo} at {address}; see {stack[Name].LogPath}.");
    }

    private static string Port(ComponentContext context, string name) =>
        context.Ports[name].ToString(CultureInfo.InvariantCulture);
}
