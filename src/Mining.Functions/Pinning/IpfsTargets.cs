using Microsoft.Extensions.Options;
using Mining.Functions.Options;
using Mining.Ipfs.Gateways;
using Mining.Ipfs.Kubo;
using Mining.Ipfs.Pinning;

namespace Mining.Functions.Pinning;

/// <summary>
/// The configured pin targets (Kubo RPC nodes as <c>kubo:NAME</c>, Pinning Service API providers as <c>psa:NAME</c>)
/// and the gateway verifier, built once from <see cref="IpfsOptions"/>.
/// </summary>
internal sealed class IpfsTargets
{
    private readonly Dictionary<string, KuboClient> _nodes;
    private readonly Dictionary<string, PinningServiceClient> _services;

    public IpfsTargets(IOptions<IpfsOptions> options, IHttpClientFactory http, TimeProvider time, ILoggerFactory logs)
    {
        var settings = options.Value;
        _nodes = settings.Nodes.ToDictionary(
            n => "kubo:" + n.Name,
            n => new KuboClient(http.CreateClient("ipfs"), new KuboClientOptions { ApiUrl = n.RpcUrl! }, time, logs.CreateLogger<KuboClient>()));
        _services = settings.PinningServices.ToDictionary(
            s => "psa:" + s.Name,
            s => new PinningServiceClient(
                http.CreateClient("ipfs"),
                new PinningServiceOptions { Name = s.Name, Endpoint = s.Url, AccessToken = s.Token, PollInterval = TimeSpan.FromMilliseconds(250) },
                time,
                logs.CreateLogger<PinningServiceClient>()));
        Verifier = new GatewayVerifier(
            http.CreateClient("ipfs"),
            new GatewayVerifierOptions
            {
                Gateways = settings.Gateways,
                Quorum = settings.GatewayQuorum,
                Resilience = new() { MaxRetryAttempts = settings.GatewayRetries, AttemptTimeout = settings.GatewayAttemptTimeout },
            },
            time,
            logs.CreateLogger<GatewayVerifier>());
        Gateways = [.. settings.Gateways.Select(g => g.ToString())];
        Quorum = settings.GatewayQuorum;
    }

    public IReadOnlyList<string> PinTargets => [.. _nodes.Keys, .. _services.Keys];

    public IReadOnlyList<string> Gateways { get; }

    public int Quorum { get; }

    public GatewayVerifier Verifier { get; }

    /// <summary>The first Kubo node: where manifests are added and documents re-pinned from.</summary>
    public KuboClient PrimaryNode => _nodes.Values.First();

    public IReadOnlyCollection<KuboClient> Nodes => _nodes.Values;

    public KuboClient? Node(string target) => _nodes.GetValueOrDefault(target);

    public PinningServiceClient? Service(string target) => _services.GetValueOrDefault(target);
}
