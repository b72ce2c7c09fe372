using Mining.DevStack;
using Mining.Ipfs.Kubo;
using Mining.Ipfs.Pinning;
using Mining.Ipfs.Resilience;
using Mining.Testing;

namespace Mining.Ipfs.Tests.Support;

/// <summary>Clients of the dev stack's IPFS nodes.</summary>
internal static class LocalNodes
{
    public static IpfsNodeEndpoints A(this DevStackFixture stack) => stack.Endpoints.IpfsNodes.Single(n => n.Name == "A");

    public static IpfsNodeEndpoints B(this DevStackFixture stack) => stack.Endpoints.IpfsNodes.Single(n => n.Name == "B");

    public static KuboClient Kubo(this IpfsNodeEndpoints node, IpfsResilienceOptions? resilience = null) =>
        new(new HttpClient(), new KuboClientOptions { ApiUrl = node.RpcUrl, Resilience = resilience ?? Fast() });

    public static PinningServiceClient Pinning(this IpfsNodeEndpoints node, string? token = null) =>
        new(new HttpClient(), new PinningServiceOptions
        {
            Name = "local-" + node.Name,
            Endpoint = node.PinningUrl,
            AccessToken = token ?? node.PinningToken,
            PollInterval = TimeSpan.FromMilliseconds(50),
            MaxPollInterval = TimeSpan.FromMilliseconds(500),
            PinTimeout = TimeSpan.FromSeconds(60),
            Resilience = Fast(),
        });

    public static IpfsResilienceOptions Fast(int retries = 2) => new()
    {
        MaxRetryAttempts = retries,
        BaseDelay = TimeSpan.FromMilliseconds(20),
        MaxDelay = TimeSpan.FromMilliseconds(200),
        AttemptTimeout = TimeSpan.FromSeconds(60),
    };

    public static byte[] RandomBytes(int size)
    {
        var bytes = new byte[size];
        Random.Shared.NextBytes(bytes);
        return bytes;
    }
}
