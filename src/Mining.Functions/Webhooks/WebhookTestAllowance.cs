using System.Collections.Concurrent;
using System.Net;

namespace Mining.Functions.Webhooks;

/// <summary>
/// Lets the tests' local webhook receivers on loopback through the webhook policy, each by its port. It is a seam for
/// tests only: nothing binds it from configuration or registers it in the app — only code that adds an instance to
/// the service collection can (the integration tests do) — and <see cref="WebhookUrlPolicy"/> ignores it outside the
/// Development environment. Every other rule (private, link-local, other loopback ports, …) still applies.
/// </summary>
internal sealed class WebhookTestAllowance
{
    private readonly ConcurrentDictionary<int, bool> _loopbackPorts = new();

    /// <summary>Allows webhooks to 127.0.0.1 and ::1 on <paramref name="port"/>.</summary>
    public void AllowLoopbackPort(int port) => _loopbackPorts[port] = true;

    /// <summary>True only for 127.0.0.1 or ::1 exactly, on an allowed port.</summary>
    public bool Allows(IPAddress address, int port) =>
        (address.Equals(IPAddress.Loopback) || address.Equals(IPAddress.IPv6Loopback)) && _loopbackPorts.ContainsKey(port);
}
