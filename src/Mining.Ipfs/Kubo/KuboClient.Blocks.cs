using Mining.Ipfs.Multiformats;

namespace Mining.Ipfs.Kubo;

public sealed partial class KuboClient
{
    /// <summary><c>ipfs block get</c>: the block's bytes, checked against <paramref name="cid"/>.</summary>
    /// <exception cref="Dag.BlockVerificationException">The node returned bytes that do not hash to the CID.</exception>
    public async Task<byte[]> BlockGetAsync(Cid cid, CancellationToken cancellationToken = default)
    {
        using var response = await _http.SendAsync(() => Post("block/get", [Arg(cid)]), cancellationToken, HttpCompletionOption.ResponseContentRead);
        await EnsureSuccessAsync("block/get", response, cancellationToken);
        var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        return Dag.Block.CreateVerified(cid, bytes).Data.ToArray();
    }

    /// <summary><c>ipfs block stat</c>.</summary>
    public async Task<KuboBlockStat> BlockStatAsync(Cid cid, CancellationToken cancellationToken = default)
    {
        using var json = await PostJsonAsync("block/stat", [Arg(cid)], cancellationToken);
        return new KuboBlockStat(Cid.Parse(json.RootElement.GetProperty("Key").GetString()!), json.RootElement.GetProperty("Size").GetInt64());
    }

    /// <summary><c>ipfs block put</c> with sha2-256; returns the CIDv1 the node reports, checked against the bytes.</summary>
    public async Task<Cid> BlockPutAsync(ReadOnlyMemory<byte> block, Multicodec codec = Multicodec.Raw, bool pin = false, CancellationToken cancellationToken = default)
    {
        var codecName = codec switch
        {
            Multicodec.Raw => "raw",
            Multicodec.DagPb => "dag-pb",
            Multicodec.DagCbor => "dag-cbor",
            Multicodec.DagJson => "dag-json",
            _ => throw new ArgumentOutOfRangeException(nameof(codec), codec, "Unsupported codec."),
        };
        using var content = FileContent(new MemoryStream(block.ToArray(), writable: false), "block");
        using var json = await PostJsonAsync(
            "block/put",
            [new("cid-codec", codecName), new("mhtype", "sha2-256"), new("pin", pin ? "true" : "false")],
            cancellationToken,
            content);
        var cid = Cid.Parse(json.RootElement.GetProperty("Key").GetString()!);
        var expected = Cid.Compute(codec, block.Span);
        return cid.SameContentAs(expected)
            ? cid
            : throw new KuboApiException("block/put", System.Net.HttpStatusCode.OK, $"the node reported {cid} for a block whose CID is {expected}");
    }
}
