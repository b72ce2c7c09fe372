using System.Net;
using System.Net.Sockets;

namespace Mining.Functions.Webhooks;

/// <summary>
/// The HTTP handler of contributor webhooks. Its connect callback resolves the host itself, checks every address
/// against <see cref="WebhookUrlPolicy"/> and connects only to those checked addresses, so a name that resolves to a
/// private address — at any time, including after the URL was accepted (DNS rebinding) — never gets a connection.
/// Redirects are not followed, no proxy is used (a proxy would connect on the service's behalf, unchecked), no
/// cookies are kept, responses are not decompressed, response headers are limited to 16 KB, and a connection is
/// reused for at most a minute.
/// </summary>
internal static class WebhookHttpHandler
{
    public static SocketsHttpHandler Create(WebhookUrlPolicy policy, IWebhookResolver resolver) => new()
    {
        AllowAutoRedirect = false,
        UseProxy = false,
        UseCookies = false,
        AutomaticDecompression = DecompressionMethods.None,
        MaxResponseHeadersLength = 16,
        MaxConnectionsPerServer = 4,
        PooledConnectionLifetime = TimeSpan.FromMinutes(1),
        ConnectTimeout = TimeSpan.FromSeconds(5),
        ConnectCallback = (context, cancellationToken) => ConnectAsync(policy, resolver, context.DnsEndPoint, cancellationToken),
    };

    private static async ValueTask<Stream> ConnectAsync(
        WebhookUrlPolicy policy, IWebhookResolver resolver, DnsEndPoint endpoint, CancellationToken cancellationToken)
    {
        var addresses = IPAddress.TryParse(endpoint.Host, out var literal)
            ? [literal]
            : await resolver.ResolveAsync(endpoint.Host, cancellationToken);
        if (policy.CheckResolved(endpoint.Host, addresses, endpoint.Port) is { } refused)
        {
            throw new WebhookRefusedException(refused);
        }

        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(addresses, endpoint.Port, cancellationToken);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
