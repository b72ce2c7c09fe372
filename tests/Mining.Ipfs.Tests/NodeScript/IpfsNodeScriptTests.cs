using System.Net;
using Mining.Ipfs.Kubo;
using Mining.Ipfs.Multiformats;
using Mining.Ipfs.Pinning;
using Mining.Ipfs.Tests.Support;

namespace Mining.Ipfs.Tests.NodeScript;

/// <summary>infra/local/ipfs-node.mjs on its own repo: persistence, clean shutdown, gateway behaviour without peers.</summary>
public sealed class IpfsNodeScriptTests : IDisposable
{
    private readonly string _repo = Directory.CreateTempSubdirectory("mining-ipfs-node-").FullName;

    [Fact]
    public async Task Blocks_pins_and_pin_requests_survive_a_SIGTERM_and_restart_with_the_same_peer_id()
    {
        Cid cid;
        string requestId, peerId;
        await using (var node = await PrivateNode.StartAsync(_repo))
        {
            peerId = node.PeerId;
            cid = (await Kubo(node).AddAsync(new MemoryStream(LocalNodes.RandomBytes(300_000)))).Cid;
            var pinning = Pinning(node);
            requestId = (await pinning.PinAsync(new Pin(cid, "kept"))).RequestId;
            await node.StopAsync();
            Assert.Equal(0, node.ExitCode);
        }

        await using var restarted = await PrivateNode.StartAsync(_repo);

        Assert.Equal(peerId, restarted.PeerId);
        Assert.True(await Kubo(restarted).IsPinnedAsync(cid));
        Assert.Equal(PinningStatus.Pinned, (await Pinning(restarted).GetAsync(requestId)).Status);
        using var http = new HttpClient();
        using var cached = new HttpRequestMessage(HttpMethod.Head, new Uri(restarted.GatewayUrl, $"ipfs/{cid}?format=car"));
        cached.Headers.CacheControl = new System.Net.Http.Headers.CacheControlHeaderValue { OnlyIfCached = true };
        Assert.Equal(HttpStatusCode.OK, (await http.SendAsync(cached)).StatusCode);
    }

    [Fact]
    public async Task Pin_requests_added_replaced_and_removed_come_back_as_they_were_after_a_restart_and_a_torn_journal_line_is_skipped()
    {
        string kept, replacement;
        await using (var node = await PrivateNode.StartAsync(_repo))
        {
            var kubo = Kubo(node);
            var pinning = Pinning(node);
            var cids = new List<Cid>();
            for (var i = 0; i < 4; i++)
            {
                cids.Add((await kubo.AddAsync(new MemoryStream(LocalNodes.RandomBytes(1000)))).Cid);
            }

            kept = (await pinning.PinAsync(new Pin(cids[0], "kept"))).RequestId;
            var removed = (await pinning.PinAsync(new Pin(cids[1], "removed"))).RequestId;
            var replaced = (await pinning.PinAsync(new Pin(cids[2], "replaced"))).RequestId;
            await pinning.RemoveAsync(removed);
            replacement = (await pinning.ReplaceAsync(replaced, new Pin(cids[3], "replacement"))).RequestId;
            await pinning.WaitUntilPinnedAsync(replacement);
            await node.StopAsync();
        }

        // A crash in the middle of an append leaves a torn last line.
        var journal = Path.Combine(_repo, "pinning-service.jsonl");
        await File.AppendAllTextAsync(journal, "{\"put\":{\"requestid\":\"torn");

        await using var restarted = await PrivateNode.StartAsync(_repo);

        var pinned = await Pinning(restarted).ListAsync();
        Assert.Equal(new[] { kept, replacement }.Order(StringComparer.Ordinal), pinned.Results.Select(r => r.RequestId).Order(StringComparer.Ordinal));
        Assert.Equal(2, (await File.ReadAllLinesAsync(journal)).Length); // compacted at start: one line per request
    }

    [Fact]
    public async Task The_gateway_answers_412_to_only_if_cached_and_504_when_no_peer_has_the_block()
    {
        await using var node = await PrivateNode.StartAsync(_repo);
        var absent = Cid.Compute(Multicodec.Raw, LocalNodes.RandomBytes(32));
        using var http = new HttpClient();

        using var probe = new HttpRequestMessage(HttpMethod.Get, new Uri(node.GatewayUrl, $"ipfs/{absent}?format=raw"));
        probe.Headers.CacheControl = new System.Net.Http.Headers.CacheControlHeaderValue { OnlyIfCached = true };
        var probed = await http.SendAsync(probe);
        var fetched = await http.GetAsync(new Uri(node.GatewayUrl, $"ipfs/{absent}?format=raw"));

        Assert.Equal(HttpStatusCode.PreconditionFailed, probed.StatusCode);
        Assert.Equal(HttpStatusCode.GatewayTimeout, fetched.StatusCode);
    }

    [Fact]
    public async Task A_pin_request_for_content_no_peer_has_ends_as_failed_with_the_reason()
    {
        await using var node = await PrivateNode.StartAsync(_repo);
        var absent = Cid.Compute(Multicodec.Raw, LocalNodes.RandomBytes(32));
        var pinning = Pinning(node);

        var error = await Assert.ThrowsAsync<PinFailedException>(() => pinning.PinAsync(new Pin(absent)));

        Assert.Equal(PinningStatus.Failed, error.LastStatus!.Status);
        Assert.Contains("status_details", error.Message, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_repo, recursive: true);

    private static KuboClient Kubo(PrivateNode node) =>
        new(new HttpClient(), new KuboClientOptions { ApiUrl = node.RpcUrl, Resilience = LocalNodes.Fast() });

    private static PinningServiceClient Pinning(PrivateNode node) =>
        new(new HttpClient(), new PinningServiceOptions
        {
            Name = "private",
            Endpoint = node.PinningUrl,
            AccessToken = PrivateNode.Token,
            PollInterval = TimeSpan.FromMilliseconds(50),
            MaxPollInterval = TimeSpan.FromMilliseconds(500),
            Resilience = LocalNodes.Fast(),
        });
}
