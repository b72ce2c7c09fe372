using System.Net;
using System.Net.Sockets;

namespace Mining.Functions.Webhooks;

/// <summary>
/// Which URLs a contributor's webhook may use, and which addresses its requests may connect to. A URL must be absolute
/// <c>https</c> (plain <c>http</c> only in Development), at most 2,048 characters, without user information, with a
/// public host name or public address (<see cref="AddressRules"/>): <c>localhost</c> and <c>*.localhost</c>,
/// single-label names (they resolve through the service's own search domains), names under <c>.local</c>,
/// <c>.localdomain</c>, <c>.internal</c>, <c>.intranet</c>, <c>.lan</c>, <c>.home.arpa</c>, and hosts whose last label is a number (a numeric
/// IPv4 spelling no IP parser agreed on) are refused. IPv4 literals in any spelling (<c>127.1</c>, <c>0x7f000001</c>,
/// <c>2130706433</c>, octal) are normalised by <see cref="Uri"/> before they are checked. The same address rules apply
/// again at connect time (<see cref="WebhookHttpHandler"/>) to every address a name resolves to.
/// </summary>
internal sealed class WebhookUrlPolicy(IHostEnvironment environment, IWebhookResolver resolver, WebhookTestAllowance? allowance = null)
{
    public const int MaxUrlLength = 2048;
    private static readonly TimeSpan ResolveLimit = TimeSpan.FromSeconds(3);
    private static readonly string[] InternalSuffixes = [".local", ".localdomain", ".internal", ".intranet", ".lan", ".home.arpa"];

    private bool HttpAllowed => environment.IsDevelopment();

    /// <summary>
    /// The checks that need no network: scheme, length, user information, host name shape, and a literal address.
    /// Null when the URL may be used.
    /// </summary>
    public WebhookRefusal? CheckUrl(Uri url)
    {
        if (!url.IsAbsoluteUri)
        {
            return new WebhookRefusal("absolute-url", "webhookUrl must be an absolute https URL such as https://hooks.example.org/mining.");
        }

        if (url.Scheme != Uri.UriSchemeHttps && !(url.Scheme == Uri.UriSchemeHttp && HttpAllowed))
        {
            return new WebhookRefusal("scheme", $"webhookUrl must use https (it uses '{url.Scheme}'); "
                + (HttpAllowed ? "plain http is allowed in Development." : "plain http is allowed only in Development."));
        }

        if (url.OriginalString.Length > MaxUrlLength)
        {
            return new WebhookRefusal("length", $"webhookUrl must be at most {MaxUrlLength} characters.");
        }

        if (url.UserInfo.Length > 0)
        {
            return new WebhookRefusal("credentials", "webhookUrl must not carry a user name or password; verify deliveries with the X-Mining-Signature header instead.");
        }

        return url.HostNameType switch
        {
            UriHostNameType.IPv4 or UriHostNameType.IPv6 when IPAddress.TryParse(url.Host.Trim('[', ']'), out var address) => CheckAddress(address, url.Port),
            UriHostNameType.Dns => CheckName(url.IdnHost),
            _ => new WebhookRefusal("host-name", $"webhookUrl's host '{url.Host}' is not a host name or an IP address."),
        };
    }

    /// <summary>
    /// <see cref="CheckUrl"/>, then, for a host name, every address it resolves to now. A name that does not resolve
    /// (yet) is accepted: the connect-time check decides when a request is made.
    /// </summary>
    public async Task<WebhookRefusal?> CheckUrlAndNameAsync(Uri url, CancellationToken cancellationToken)
    {
        var refused = CheckUrl(url);
        if (refused is not null || url.HostNameType != UriHostNameType.Dns)
        {
            return refused;
        }

        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(ResolveLimit);
        IPAddress[] addresses;
        try
        {
            addresses = await resolver.ResolveAsync(url.IdnHost, limit.Token);
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException or ArgumentException && !cancellationToken.IsCancellationRequested)
        {
            return null;
        }

        return CheckResolved(url.IdnHost, addresses, url.Port);
    }

    /// <summary>Every resolved address must be public; a name that mixes public and private addresses is refused.</summary>
    public WebhookRefusal? CheckResolved(string host, IReadOnlyList<IPAddress> addresses, int port)
    {
        if (addresses.Count == 0)
        {
            return new WebhookRefusal("unresolved", $"The webhook host '{host}' resolves to no address.");
        }

        foreach (var address in addresses)
        {
            if (CheckAddress(address, port) is { } refused)
            {
                return refused with { Detail = $"The webhook host '{host}' resolves to {refused.Detail}" };
            }
        }

        return null;
    }

    /// <summary>Null when <paramref name="address"/> may be connected to on <paramref name="port"/>.</summary>
    public WebhookRefusal? CheckAddress(IPAddress address, int port)
    {
        var refused = AddressRules.Check(address);
        return refused is { Rule: "loopback" } && environment.IsDevelopment() && allowance?.Allows(address, port) == true ? null : refused;
    }

    private static WebhookRefusal? CheckName(string host)
    {
        var name = host.TrimEnd('.').ToLowerInvariant();
        if (name == "localhost" || name.EndsWith(".localhost", StringComparison.Ordinal))
        {
            return new WebhookRefusal("loopback", $"The webhook host '{host}' names this machine (loopback); a webhook must reach a public host.");
        }

        if (!name.Contains('.', StringComparison.Ordinal))
        {
            return new WebhookRefusal("host-name", $"The webhook host '{host}' is a single-label name, which resolves through the service's own network; use a fully qualified public name.");
        }

        if (InternalSuffixes.Any(s => name.EndsWith(s, StringComparison.Ordinal)))
        {
            return new WebhookRefusal("internal-name", $"The webhook host '{host}' is under a local or internal domain; use a public name.");
        }

        var last = name[(name.LastIndexOf('.') + 1)..];
        if (last.All(char.IsAsciiDigit) || (last.StartsWith("0x", StringComparison.Ordinal) && last[2..].All(char.IsAsciiHexDigit)))
        {
            return new WebhookRefusal("numeric-host", $"The webhook host '{host}' ends in a number but is not an IP address; use a public host name or a plain public address.");
        }

        return null;
    }
}
