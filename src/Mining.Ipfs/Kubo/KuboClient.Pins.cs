using Mining.Ipfs.Multiformats;

namespace Mining.Ipfs.Kubo;

public sealed partial class KuboClient
{
    /// <summary><c>ipfs pin add</c> (recursive); idempotent.</summary>
    public async Task PinAddAsync(Cid cid, CancellationToken cancellationToken = default)
    {
        using var json = await PostJsonAsync("pin/add", [Arg(cid), new("recursive", "true")], cancellationToken);
        LogPinned(_logger, cid);
    }

    /// <summary><c>ipfs pin ls --type=recursive</c>; with <paramref name="cid"/>, whether that CID is pinned (v0 and v1 forms match).</summary>
    public async Task<IReadOnlyList<Cid>> PinLsAsync(Cid? cid = null, CancellationToken cancellationToken = default)
    {
        var query = new List<KeyValuePair<string, string>> { new("type", "recursive") };
        if (cid is { } wanted)
        {
            query.Add(Arg(wanted));
        }

        try
        {
            using var json = await PostJsonAsync("pin/ls", query, cancellationToken);
            return [.. json.RootElement.GetProperty("Keys").EnumerateObject().Select(p => Cid.Parse(p.Name))];
        }
        catch (KuboApiException ex) when (cid is not null && ex.NodeMessage?.Contains("not pinned", StringComparison.OrdinalIgnoreCase) == true)
        {
            return [];
        }
    }

    /// <summary>True when <paramref name="cid"/> is pinned recursively on the node.</summary>
    public async Task<bool> IsPinnedAsync(Cid cid, CancellationToken cancellationToken = default) =>
        (await PinLsAsync(cid, cancellationToken)).Any(pinned => pinned.SameContentAs(cid) || pinned.ToV1().SameContentAs(cid.ToV1()));

    /// <summary><c>ipfs pin rm</c>.</summary>
    public async Task PinRmAsync(Cid cid, CancellationToken cancellationToken = default)
    {
        using var json = await PostJsonAsync("pin/rm", [Arg(cid)], cancellationToken);
    }

    [Microsoft.Extensions.Logging.LoggerMessage(Level = Microsoft.Extensions.Logging.LogLevel.Information, Message = "Pinned {Cid} on the IPFS node")]
    private static partial void LogPinned(Microsoft.Extensions.Logging.ILogger logger, Cid cid);
}
