using System.Net;

namespace Mining.Functions.Webhooks;

/// <summary>Resolves a webhook's host name to the addresses the policy checks and the connection then uses.</summary>
internal interface IWebhookResolver
{
    Task<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken);
}

/// <summary>The system resolver (DNS, hosts file).</summary>
internal sealed class DnsWebhookResolver : IWebhookResolver
{
    public Task<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken) =>
        Dns.GetHostAddressesAsync(host, cancellationToken);
}
