using System.Net;
using System.Text.RegularExpressions;

namespace Mining.Core.Privacy.Rules;

/// <summary>Private IP addresses (RFC 1918, link-local, carrier-grade NAT, IPv6 unique-local) and internal host names.</summary>
/// <remarks>
/// Loopback, CIDR ranges (<c>10.0.0.0/8</c>), four-part version numbers (<c>Version=10.0.0.0</c>) and well-known
/// generic names (<c>host.docker.internal</c>, <c>metadata.google.internal</c>, <c>169.254.169.254</c>) and member access in
/// code (<c>this.local</c>) pass.
/// </remarks>
internal sealed partial class NetworkRule : IPrivacyRule
{
    public const string PrivateIpId = "private-ip";
    public const string InternalHostId = "internal-host";

    private static readonly string[] GenericHosts = ["host.docker.internal", "gateway.docker.internal", "metadata.google.internal", "kubernetes.default.svc.cluster.local"];

    private static readonly string[] CodeReceivers =
        ["this.", "self.", "window.", "global.", "globalthis.", "module.", "exports.", "process.", "os.", "config.", "ctx.", "context.", "state.", "props.", "options.", "settings.", "env."];

    private static readonly string[] GenericAddresses = ["169.254.169.254", "10.0.2.2", "172.17.0.1"];

    private static readonly System.Buffers.SearchValues<char> HostChars = System.Buffers.SearchValues.Create("abcdefghijklmnopqrstuvwxyz0123456789.-");

    private static readonly System.Buffers.SearchValues<char> HostNeighbours =
        System.Buffers.SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZ_");

    public IReadOnlyList<string> RuleIds { get; } = [PrivateIpId, InternalHostId];

    public void Find(string text, List<RuleMatch> matches)
    {
        foreach (var match in Ipv4().EnumerateMatches(text))
        {
            if (match.Index > 0 && (char.IsAsciiLetterOrDigit(text[match.Index - 1]) || text[match.Index - 1] is '_' or '.'))
            {
                continue;
            }

            var value = text.AsSpan(match.Index, match.Length);
            var before = text.AsSpan(Math.Max(0, match.Index - 12), Math.Min(12, match.Index));
            var after = text.AsSpan(match.Index + match.Length);
            if (IsPrivate(value) && !after.StartsWith('/') && !VersionContext().IsMatch(before) && !GenericAddresses.Contains(value.ToString(), StringComparer.Ordinal))
            {
                matches.Add(new RuleMatch(PrivateIpId, match.Index, match.Length));
            }
        }

        foreach (var match in UniqueLocalIpv6().EnumerateMatches(text))
        {
            if (IPAddress.TryParse(text.AsSpan(match.Index, match.Length), out _) && !text.AsSpan(match.Index + match.Length).StartsWith('/'))
            {
                matches.Add(new RuleMatch(PrivateIpId, match.Index, match.Length));
            }
        }

        foreach (var match in InternalSuffix().EnumerateMatches(text))
        {
            var start = TokenRuns.RunStartBefore(text, match.Index, HostChars, 253);
            while (start < match.Index && text[start] is '.' or '-')
            {
                start++;
            }

            if (start == match.Index || TokenRuns.IsAt(text, start - 1, HostNeighbours))
            {
                continue;
            }

            var host = text.AsSpan(start, match.Index + match.Length - start);
            var generic = false;
            foreach (var known in GenericHosts)
            {
                generic |= host.Equals(known, StringComparison.OrdinalIgnoreCase);
            }

            foreach (var receiver in CodeReceivers)
            {
                generic |= host.StartsWith(receiver, StringComparison.OrdinalIgnoreCase);
            }

            if (!generic)
            {
                matches.Add(new RuleMatch(InternalHostId, start, host.Length));
            }
        }
    }

    private static bool IsPrivate(ReadOnlySpan<char> value)
    {
        if (!IPAddress.TryParse(value, out var address))
        {
            return false;
        }

        var b = address.GetAddressBytes();
        return b[0] == 10
            || (b[0] == 172 && b[1] >= 16 && b[1] <= 31)
            || (b[0] == 192 && b[1] == 168)
            || (b[0] == 169 && b[1] == 254)
            || (b[0] == 100 && b[1] >= 64 && b[1] <= 127);
    }

    [GeneratedRegex(@"(?:10|172|192|169|100)\.[0-9]{1,3}\.[0-9]{1,3}\.[0-9]{1,3}(?![\w]|\.[0-9])", RegexOptions.CultureInvariant)]
    private static partial Regex Ipv4();

    [GeneratedRegex(@"(?<![\w:])f[cd][0-9a-f]{2}:[0-9a-f:]*:[0-9a-f]{1,4}(?![\w:])", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex UniqueLocalIpv6();

    [GeneratedRegex(@"\.(?:internal|corp|lan|intranet|local|localdomain|home\.arpa)(?![\w-]|\.[\w-])", RegexOptions.CultureInvariant)]
    private static partial Regex InternalSuffix();

    [GeneratedRegex(@"(?:version\s*[=:(]?\s*[""']?|\bv)$", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex VersionContext();
}
