using Mining.Ipfs.Kubo;
using Mining.Ipfs.Multiformats;
using Mining.Ipfs.Resilience;
using Mining.Ipfs.Tests.Support;
using Mining.Ipfs.UnixFs;
using Mining.Testing;

namespace Mining.Ipfs.Tests.Kubo;

/// <summary>Against the dev stack's Helia nodes through their Kubo RPC subset.</summary>
[Collection(LocalIpfsNodes.Name)]
public sealed class KuboClientTests(DevStackFixture stack)
{
    [Fact]
    public async Task Content_added_to_node_A_is_pinned_and_cat_returns_the_same_bytes()
    {
        var kubo = stack.A().Kubo();
        var content = LocalNodes.RandomBytes(300_000);

        var added = await kubo.AddAsync(new MemoryStream(content), new KuboAddOptions { FileName = "doc.json" });

        Assert.Equal(UnixFsImporter.ComputeCid(content, UnixFsImportOptions.KuboCidV1), added.Cid);
        Assert.True(await kubo.IsPinnedAsync(added.Cid));
        await using var cat = await kubo.CatAsync(added.Cid);
        var copy = new MemoryStream();
        await cat.CopyToAsync(copy);
        Assert.Equal(content, copy.ToArray());

        await kubo.PinRmAsync(added.Cid);
        Assert.False(await kubo.IsPinnedAsync(added.Cid));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(262_144)]
    [InlineData(262_145)]
    [InlineData(1_000_000)]
    public async Task The_node_and_the_importer_agree_on_the_CID_in_both_profiles(int size)
    {
        var kubo = stack.A().Kubo();
        var content = LocalNodes.RandomBytes(size);

        var v0 = await kubo.AddAsync(new MemoryStream(content), new KuboAddOptions { CidVersion = 0, OnlyHash = true, Pin = false });
        var v1 = await kubo.AddAsync(new MemoryStream(content), new KuboAddOptions { CidVersion = 1, OnlyHash = true, Pin = false });

        var importedV0 = await UnixFsImporter.ImportAsync(content, UnixFsImportOptions.KuboCidV0);
        var importedV1 = await UnixFsImporter.ImportAsync(content, UnixFsImportOptions.KuboCidV1);
        Assert.Equal(importedV0.Root, v0.Cid);
        Assert.Equal(importedV1.Root, v1.Cid);
        Assert.Equal((long)importedV0.DagSize, v0.Size);
    }

    [Fact]
    public async Task A_block_put_on_node_A_comes_back_from_block_get_and_stat()
    {
        var kubo = stack.A().Kubo();
        var block = LocalNodes.RandomBytes(1000);

        var cid = await kubo.BlockPutAsync(block);

        Assert.Equal(Cid.Compute(Multicodec.Raw, block), cid);
        Assert.Equal(block, await kubo.BlockGetAsync(cid));
        Assert.Equal(1000, (await kubo.BlockStatAsync(cid)).Size);
    }

    [Fact]
    public async Task Node_B_is_connected_to_node_A()
    {
        var a = await stack.A().Kubo().IdAsync();

        var peers = await stack.B().Kubo().SwarmPeersAsync();

        Assert.Contains(peers, p => p.PeerId == a.PeerId);
    }

    [Fact]
    public async Task Unpinning_content_that_is_not_pinned_is_a_typed_error_carrying_the_node_message()
    {
        var kubo = stack.A().Kubo();
        var cid = Cid.Compute(Multicodec.Raw, LocalNodes.RandomBytes(16));

        var error = await Assert.ThrowsAsync<KuboApiException>(() => kubo.PinRmAsync(cid));

        Assert.Equal("pin/rm", error.Command);
        Assert.Contains("not pinned", error.NodeMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task When_node_A_is_down_the_client_retries_and_then_reports_the_endpoint()
    {
        var down = ClosedPort.Url();
        var kubo = new KuboClient(new HttpClient(), new KuboClientOptions { ApiUrl = down, Resilience = LocalNodes.Fast(retries: 2) });

        var error = await Assert.ThrowsAsync<IpfsEndpointUnavailableException>(() => kubo.IdAsync());

        Assert.Equal(3, error.Attempts);
        Assert.Contains(down.Authority, error.Message, StringComparison.Ordinal);
        Assert.IsType<HttpRequestException>(error.InnerException);
    }

    [Fact]
    public async Task Connection_failures_are_retried_until_the_node_answers()
    {
        var flaky = StubHandler.Before(n => n <= 2 ? new HttpRequestException("connection refused (simulated)") : null);
        var kubo = new KuboClient(new HttpClient(flaky), new KuboClientOptions { ApiUrl = stack.A().RpcUrl, Resilience = LocalNodes.Fast(retries: 3) });

        var id = await kubo.IdAsync();

        Assert.StartsWith("12D3Koo", id.PeerId, StringComparison.Ordinal);
        Assert.Equal(3, flaky.Requests.Count);
    }
}
