using Mining.Ipfs.Car;
using Mining.Ipfs.Gateways;
using Mining.Ipfs.Kubo;
using Mining.Ipfs.Multiformats;
using Mining.Ipfs.Tests.Support;
using Mining.Testing;

namespace Mining.Ipfs.Tests.Gateways;

/// <summary>Against the gateways of the dev stack's Helia nodes; content is added to node A only.</summary>
[Collection(LocalIpfsNodes.Name)]
public sealed class GatewayVerifierTests(DevStackFixture stack)
{
    [Fact]
    public async Task A_document_only_node_A_holds_is_verified_on_both_gateways_B_fetching_it_over_bitswap()
    {
        var cid = await AddToNodeAAsync(50_000, cidVersion: 1);
        var verifier = Verifier([stack.A().GatewayUrl, stack.B().GatewayUrl], quorum: 2, probe: true);

        var result = await verifier.VerifyAsync(cid);

        Assert.True(result.QuorumReached, result.Summary);
        Assert.All(result.Gateways, g => Assert.Equal(1, g.BlocksVerified));
        Assert.True(result.Gateways[0].WasCached);
        Assert.False(result.Gateways[1].WasCached);
    }

    [Fact]
    public async Task A_multi_block_DAG_is_verified_block_by_block_from_a_CAR_on_both_gateways()
    {
        var cid = await AddToNodeAAsync(700_000, cidVersion: 0);
        var verifier = Verifier([stack.A().GatewayUrl, stack.B().GatewayUrl], quorum: 2);

        var result = await verifier.VerifyAsync(cid);

        Assert.True(result.QuorumReached, result.Summary);
        Assert.All(result.Gateways, g => Assert.Equal(4, g.BlocksVerified));
    }

    [Fact]
    public async Task A_gateway_that_flips_one_byte_is_reported_as_tampered_and_not_counted()
    {
        var cid = await AddToNodeAAsync(50_000, cidVersion: 1);
        await using var liar = new TamperingGateway(stack.A().GatewayUrl, TamperingGateway.FlipOneByte);
        var verifier = Verifier([stack.A().GatewayUrl, liar.Url], quorum: 2);

        var result = await verifier.VerifyAsync(cid);

        Assert.False(result.QuorumReached);
        Assert.Equal(1, result.VerifiedCount);
        var tampered = result.Gateways.Single(g => g.Gateway == liar.Url);
        Assert.Equal(GatewayOutcome.Tampered, tampered.Outcome);
        Assert.Contains("do not hash to", tampered.Reason, StringComparison.Ordinal);
        Assert.Contains(liar.Url.Authority, result.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_truncated_CAR_is_rejected_as_tampered()
    {
        var cid = await AddToNodeAAsync(700_000, cidVersion: 1);
        await using var cutter = new TamperingGateway(stack.A().GatewayUrl, body => body[..(body.Length - 1000)]);
        var verifier = Verifier([cutter.Url], quorum: 1);

        var result = await verifier.VerifyAsync(cid);

        var gateway = Assert.Single(result.Gateways);
        Assert.Equal(GatewayOutcome.Tampered, gateway.Outcome);
        Assert.Contains("truncated", gateway.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_CAR_missing_a_whole_block_is_rejected_as_incomplete()
    {
        var cid = await AddToNodeAAsync(700_000, cidVersion: 1);
        await using var dropper = new TamperingGateway(stack.A().GatewayUrl, DropLastBlock);
        var verifier = Verifier([dropper.Url], quorum: 1);

        var result = await verifier.VerifyAsync(cid);

        var gateway = Assert.Single(result.Gateways);
        Assert.Equal(GatewayOutcome.Tampered, gateway.Outcome);
        Assert.Contains("1 of 4 linked blocks are missing", gateway.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task When_node_B_is_unreachable_the_quorum_fails_with_that_reason()
    {
        var cid = await AddToNodeAAsync(50_000, cidVersion: 1);
        var unreachable = ClosedPort.Url();
        var verifier = Verifier([stack.A().GatewayUrl, unreachable], quorum: 2);

        var result = await verifier.VerifyAsync(cid);

        Assert.False(result.QuorumReached);
        var down = result.Gateways.Single(g => g.Gateway == unreachable);
        Assert.Equal(GatewayOutcome.Unavailable, down.Outcome);
        Assert.Contains("did not answer after 2 attempt(s)", down.Reason, StringComparison.Ordinal);
        Assert.Contains(unreachable.Authority, result.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public void A_quorum_over_the_same_gateway_twice_is_refused_at_start_up()
    {
        var options = new GatewayVerifierOptions { Gateways = [new Uri("http://127.0.0.1:8080/"), new Uri("http://127.0.0.1:8080/ipfs-again/")], Quorum = 2 };

        var error = Assert.Throws<ArgumentException>(() => options.Validate());

        Assert.Contains("same gateway twice", error.Message, StringComparison.Ordinal);
    }

    private async Task<Cid> AddToNodeAAsync(int size, int cidVersion) =>
        (await stack.A().Kubo().AddAsync(new MemoryStream(LocalNodes.RandomBytes(size)), new KuboAddOptions { CidVersion = cidVersion })).Cid;

    private static GatewayVerifier Verifier(IList<Uri> gateways, int quorum, bool probe = false) =>
        new(new HttpClient(), new GatewayVerifierOptions
        {
            Gateways = gateways,
            Quorum = quorum,
            ProbeOnlyIfCached = probe,
            Resilience = LocalNodes.Fast(retries: 1),
        });

    private static byte[] DropLastBlock(byte[] car)
    {
        using var input = new MemoryStream(car);
        var reader = new CarReader(input);
        var header = reader.ReadHeaderAsync().GetAwaiter().GetResult();
        var blocks = new List<Mining.Ipfs.Dag.Block>();
        while (reader.ReadBlockAsync().GetAwaiter().GetResult() is { } block)
        {
            blocks.Add(block);
        }

        using var output = new MemoryStream();
        var writer = new CarWriter(output);
        writer.WriteHeaderAsync(header.Roots).GetAwaiter().GetResult();
        foreach (var block in blocks[..^1])
        {
            writer.WriteBlockAsync(block).GetAwaiter().GetResult();
        }

        return output.ToArray();
    }
}
