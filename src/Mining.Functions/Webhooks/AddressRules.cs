using System.Net;
using System.Net.Sockets;

namespace Mining.Functions.Webhooks;

/// <summary>
/// Which IP addresses a contributor's webhook may reach: public unicast ones only. Every other class is refused with
/// the rule it falls under. IPv4 inside IPv6 (IPv4-mapped <c>::ffff:a.b.c.d</c>, IPv4-compatible, NAT64 and 6to4) is
/// judged by the IPv4 address it carries. Shared address space (100.64.0.0/10, carrier-grade NAT, where some clouds put
/// their metadata services) and Azure's platform address 168.63.129.16 are refused as well.
/// </summary>
internal static class AddressRules
{
    private static readonly (IPNetwork Network, string Rule, string What)[] V4 =
    [
        (IPNetwork.Parse("0.0.0.0/8"), "unspecified", "an unspecified ('this network') address"),
        (IPNetwork.Parse("10.0.0.0/8"), "private", "a private (RFC 1918) address"),
        (IPNetwork.Parse("100.64.0.0/10"), "shared-address-space", "a carrier-grade NAT (shared address space, RFC 6598) address"),
        (IPNetwork.Parse("127.0.0.0/8"), "loopback", "a loopback address"),
        (IPNetwork.Parse("169.254.0.0/16"), "link-local", "a link-local address (this range holds the cloud metadata address 169.254.169.254)"),
        (IPNetwork.Parse("168.63.129.16/32"), "cloud-platform", "Azure's platform address (wire server and DNS)"),
        (IPNetwork.Parse("172.16.0.0/12"), "private", "a private (RFC 1918) address"),
        (IPNetwork.Parse("192.0.0.0/24"), "reserved", "an IETF protocol assignment address"),
        (IPNetwork.Parse("192.0.2.0/24"), "documentation", "a documentation (TEST-NET) address"),
        (IPNetwork.Parse("192.88.99.0/24"), "reserved", "a 6to4 relay anycast address"),
        (IPNetwork.Parse("192.168.0.0/16"), "private", "a private (RFC 1918) address"),
        (IPNetwork.Parse("198.18.0.0/15"), "reserved", "a benchmarking address"),
        (IPNetwork.Parse("198.51.100.0/24"), "documentation", "a documentation (TEST-NET) address"),
        (IPNetwork.Parse("203.0.113.0/24"), "documentation", "a documentation (TEST-NET) address"),
        (IPNetwork.Parse("224.0.0.0/4"), "multicast", "a multicast address"),
        (IPNetwork.Parse("255.255.255.255/32"), "broadcast", "the broadcast address"),
        (IPNetwork.Parse("240.0.0.0/4"), "reserved", "a reserved (class E) address"),
    ];

    private static readonly (IPNetwork Network, string Rule, string What)[] V6 =
    [
        (IPNetwork.Parse("::/128"), "unspecified", "the unspecified address"),
        (IPNetwork.Parse("::1/128"), "loopback", "the loopback address"),
        (IPNetwork.Parse("100::/64"), "reserved", "a discard-only address"),
        (IPNetwork.Parse("2001::/32"), "reserved", "a Teredo tunnel address"),
        (IPNetwork.Parse("2001:db8::/32"), "documentation", "a documentation address"),
        (IPNetwork.Parse("fc00::/7"), "private", "a unique local (private, fc00::/7) address"),
        (IPNetwork.Parse("fe80::/10"), "link-local", "a link-local address"),
        (IPNetwork.Parse("fec0::/10"), "private", "a site-local (private) address"),
        (IPNetwork.Parse("ff00::/8"), "multicast", "a multicast address"),
    ];

    private static readonly IPNetwork Nat64 = IPNetwork.Parse("64:ff9b::/96");
    private static readonly IPNetwork Nat64Local = IPNetwork.Parse("64:ff9b:1::/48");
    private static readonly IPNetwork SixToFour = IPNetwork.Parse("2002::/16");
    private static readonly IPNetwork V4Compatible = IPNetwork.Parse("::/96");

    /// <summary>Null for a public unicast address; otherwise the rule it breaks.</summary>
    public static WebhookRefusal? Check(IPAddress address)
    {
        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            return CheckV4(address, address.ToString());
        }

        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return new WebhookRefusal("address-family", $"{address} is neither IPv4 nor IPv6.");
        }

        var bare = address.ScopeId == 0 ? address : new IPAddress(address.GetAddressBytes());
        var spelled = bare.ToString();
        if (bare.IsIPv4MappedToIPv6)
        {
            return CheckV4(bare.MapToIPv4(), $"{spelled} (IPv4-mapped IPv6)");
        }

        foreach (var (network, rule, what) in V6)
        {
            if (network.Contains(bare))
            {
                return Refuse(rule, spelled, what);
            }
        }

        var bytes = bare.GetAddressBytes();
        if (V4Compatible.Contains(bare))
        {
            return CheckV4(new IPAddress(bytes.AsSpan(12, 4)), $"{spelled} (IPv4-compatible IPv6)")
                ?? Refuse("reserved", spelled, "a deprecated IPv4-compatible IPv6 address");
        }

        if (Nat64.Contains(bare) || Nat64Local.Contains(bare))
        {
            return CheckV4(new IPAddress(bytes.AsSpan(12, 4)), $"{spelled} (NAT64)");
        }

        return SixToFour.Contains(bare) ? CheckV4(new IPAddress(bytes.AsSpan(2, 4)), $"{spelled} (6to4)") : null;
    }

    private static WebhookRefusal? CheckV4(IPAddress address, string spelled)
    {
        foreach (var (network, rule, what) in V4)
        {
            if (network.Contains(address))
            {
                return Refuse(rule, spelled, what);
            }
        }

        return null;
    }

    private static WebhookRefusal Refuse(string rule, string spelled, string what) =>
        new(rule, $"{spelled} is {what}; a webhook must reach a public address. Use an https URL whose host is a public name or address.");
}
