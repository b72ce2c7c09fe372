using System.Net;
using System.Net.Http.Headers;
using Mining.Ipfs.Kubo;
using Mining.Ipfs.Multiformats;
using Mining.Ipfs.Pinning;
using Mining.Ipfs.Tests.Support;
using Mining.Testing;

namespace Mining.Ipfs.Tests.Kubo;

/// <summary>
/// <c>repo/gc</c> on the dev stack's Helia nodes: unpinned content really disappears, from the node and from its
/// gateway, once no peer holds it (node B is used as a pinning service, so its pin request is deleted too).
/// </summary>
[Collection(LocalIpfsNodes.Name)]
public sealed class KuboGarbageCollectionTests(DevStackFixture stack)
{
    private static readonly HttpClient Http = new();

    [Fact]
    public async Task Garbage_collection_removes_unpinned_blocks_and_keeps_pinned_ones()
    {
        var kubo = stack.A().Kubo();
        var loose = (await kubo.AddAsync(new MemoryStream(LocalNodes.RandomBytes(2_000)), new KuboAddOptions { Pin = false })).Cid;
        var kept = (await kubo.AddAsync(new MemoryStream(LocalNodes.RandomBytes(2_000)))).Cid;
        Assert.Equal(HttpStatusCode.OK, await CachedOnGatewayAsync(stack.A(), loose));

        var removed = await kubo.RepoGcAsync();

        Assert.Contains(removed, c => c.Hash.Equals(loose.Hash));
        Assert.DoesNotContain(removed, c => c.Hash.Equals(kept.Hash));
        Assert.Equal(HttpStatusCode.PreconditionFailed, await CachedOnGatewayAsync(stack.A(), loose));
        Assert.Equal(HttpStatusCode.OK, await CachedOnGatewayAsync(stack.A(), kept));
        Assert.True(await kubo.IsPinnedAsync(kept));
        Assert.DoesNotContain(await kubo.RepoGcAsync(), c => c.Hash.Equals(kept.Hash));
    }

    [Fact]
    public async Task Content_unpinned_and_collected_on_both_nodes_is_served_by_neither_gateway()
    {
        var (a, b) = (stack.A().Kubo(), stack.B().Kubo());
        var content = LocalNodes.RandomBytes(3_000);
        var cid = (await a.AddAsync(new MemoryStream(content))).Cid;
        var request = await stack.B().Pinning().PinAsync(new Pin(cid, "gc-test"));
        Assert.Equal(HttpStatusCode.OK, await CachedOnGatewayAsync(stack.B(), cid));

        await a.PinRmAsync(cid);
        await stack.B().Pinning().RemoveAsync(request.RequestId);
        var removedOnA = await a.RepoGcAsync();
        var removedOnB = await b.RepoGcAsync();

        Assert.Contains(removedOnA, c => c.Hash.Equals(cid.Hash));
        Assert.Contains(removedOnB, c => c.Hash.Equals(cid.Hash));
        Assert.False(await b.IsPinnedAsync(cid));
        Assert.Equal(HttpStatusCode.PreconditionFailed, await CachedOnGatewayAsync(stack.A(), cid));
        Assert.Equal(HttpStatusCode.PreconditionFailed, await CachedOnGatewayAsync(stack.B(), cid));
        using var fetched = await Http.GetAsync(new Uri(stack.A().GatewayUrl, $"ipfs/{cid}?format=raw"));
        Assert.Equal(HttpStatusCode.GatewayTimeout, fetched.StatusCode);

        await a.AddAsync(new MemoryStream(content));
        using var back = await Http.GetAsync(new Uri(stack.A().GatewayUrl, $"ipfs/{cid}?format=raw"));
        Assert.Equal(content, await back.Content.ReadAsByteArrayAsync());
        await a.PinRmAsync(cid);
    }

    /// <summary>The gateway's answer to <c>Cache-Control: only-if-cached</c>: 200 when the block is in the node's own store, 412 when not.</summary>
    private static async Task<HttpStatusCode> CachedOnGatewayAsync(Mining.DevStack.IpfsNodeEndpoints node, Cid cid)
    {
        using var probe = new HttpRequestMessage(HttpMethod.Head, new Uri(node.GatewayUrl, $"ipfs/{cid}?format=raw"));
        probe.Headers.CacheControl = new CacheControlHeaderValue { OnlyIfCached = true };
        using var response = await Http.SendAsync(probe);
        return response.StatusCode;
    }
}
