using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Mining.Ipfs.Gateways;
using Mining.Ipfs.Kubo;
using Mining.Ipfs.Multiformats;
using Mining.Ipfs.Resilience;
using Mining.Ipfs.Tests.Support;
using Mining.Testing;

namespace Mining.Ipfs.Tests.Resilience;

/// <summary>
/// HTTP 429 is honoured: the clients wait the Retry-After the server asked for (seconds or an HTTP date) and ask
/// again; a server asking for longer than MaxDelay is not asked earlier than it said (the 429 goes to the caller).
/// </summary>
[Collection(LocalIpfsNodes.Name)]
public sealed class RateLimitTests(DevStackFixture stack)
{
    private static readonly IpfsResilienceOptions Patient = new()
    {
        MaxRetryAttempts = 5,
        BaseDelay = TimeSpan.FromMilliseconds(20),
        MaxDelay = TimeSpan.FromSeconds(30),
        AttemptTimeout = TimeSpan.FromSeconds(30),
    };

    [Fact]
    public async Task Kubo_waits_the_Retry_After_seconds_before_asking_again()
    {
        var time = new FakeTime();
        var bytes = LocalNodes.RandomBytes(64);
        var calls = new List<DateTimeOffset>();
        var handler = new StubHandler((_, n) =>
        {
            calls.Add(time.GetUtcNow());
            return Task.FromResult(n == 1 ? RateLimited(r => r.Delta = TimeSpan.FromSeconds(7)) : Added(bytes));
        });
        var kubo = new KuboClient(new HttpClient(handler), new KuboClientOptions { ApiUrl = new Uri("http://kubo.invalid/"), Resilience = Patient }, time);

        var added = await time.RunUntilDone(kubo.AddAsync(new MemoryStream(bytes)));

        Assert.Equal(Cid.Compute(Multicodec.Raw, bytes), added.Cid);
        Assert.Equal(2, calls.Count);
        Assert.True(calls[1] - calls[0] >= TimeSpan.FromSeconds(7), $"asked again after {calls[1] - calls[0]}");
    }

    [Fact]
    public async Task Kubo_waits_until_a_Retry_After_date()
    {
        var time = new FakeTime();
        var bytes = LocalNodes.RandomBytes(64);
        var calls = new List<DateTimeOffset>();
        var handler = new StubHandler((_, n) =>
        {
            calls.Add(time.GetUtcNow());
            return Task.FromResult(n == 1 ? RateLimited(r => r.Date = time.GetUtcNow().AddSeconds(12)) : Added(bytes));
        });
        var kubo = new KuboClient(new HttpClient(handler), new KuboClientOptions { ApiUrl = new Uri("http://kubo.invalid/"), Resilience = Patient }, time);

        await time.RunUntilDone(kubo.AddAsync(new MemoryStream(bytes)));

        Assert.Equal(2, calls.Count);
        Assert.True(calls[1] - calls[0] >= TimeSpan.FromSeconds(11), $"asked again after {calls[1] - calls[0]}");
    }

    [Fact]
    public async Task A_Retry_After_beyond_MaxDelay_is_not_cut_short_the_429_goes_to_the_caller()
    {
        var time = new FakeTime();
        var handler = new StubHandler((_, _) => Task.FromResult(RateLimited(r => r.Delta = TimeSpan.FromMinutes(10))));
        var kubo = new KuboClient(new HttpClient(handler), new KuboClientOptions { ApiUrl = new Uri("http://kubo.invalid/"), Resilience = Patient }, time);

        var error = await Assert.ThrowsAsync<KuboApiException>(() => time.RunUntilDone(kubo.AddAsync(new MemoryStream(LocalNodes.RandomBytes(8)))));

        Assert.Equal(HttpStatusCode.TooManyRequests, error.StatusCode);
        Assert.Single(handler.Requests);
    }

    [Fact]
    public async Task A_real_node_behind_a_rate_limiting_proxy_is_asked_again_until_it_takes_the_content()
    {
        await using var proxy = FaultProxy.Start(stack.A().RpcUrl);
        proxy.RetryAfterSeconds = 1;
        proxy.Set(FaultMode.RateLimited);
        var kubo = new KuboClient(new HttpClient(), new KuboClientOptions { ApiUrl = proxy.Url, Resilience = Patient });
        var bytes = LocalNodes.RandomBytes(1000);

        var adding = kubo.AddAsync(new MemoryStream(bytes), new KuboAddOptions { CidVersion = 1, RawLeaves = true });
        await WaitUntilAsync(() => proxy.RateLimitedAnswers >= 2);
        proxy.Set(FaultMode.Pass);
        var added = await adding;

        Assert.Equal(Cid.Compute(Multicodec.Raw, bytes), added.Cid);
        Assert.True(proxy.RateLimitedAnswers >= 2);
        await using var stored = await stack.A().Kubo().CatAsync(added.Cid);
        using var copy = new MemoryStream();
        await stored.CopyToAsync(copy);
        Assert.Equal(bytes, copy.ToArray());
    }

    [Fact]
    public async Task A_rate_limited_gateway_is_asked_again_and_then_verified()
    {
        var cid = (await stack.A().Kubo().AddAsync(new MemoryStream(LocalNodes.RandomBytes(2000)), new KuboAddOptions { CidVersion = 1, RawLeaves = true })).Cid;
        await using var proxy = FaultProxy.Start(stack.A().GatewayUrl);
        proxy.RetryAfterSeconds = 1;
        proxy.Set(FaultMode.RateLimited);
        var verifier = new GatewayVerifier(new HttpClient(), new GatewayVerifierOptions { Gateways = [proxy.Url, stack.B().GatewayUrl], Quorum = 2, Resilience = Patient });

        var verifying = verifier.VerifyOnAsync(proxy.Url, cid);
        await WaitUntilAsync(() => proxy.RateLimitedAnswers >= 2);
        proxy.Set(FaultMode.Pass);
        var result = await verifying;

        Assert.Equal(GatewayOutcome.Verified, result.Outcome);
        Assert.Equal(1, result.BlocksVerified);
    }

    private static HttpResponseMessage RateLimited(Action<RetryAfter> retryAfter)
    {
        var value = new RetryAfter();
        retryAfter(value);
        var response = new HttpResponseMessage(HttpStatusCode.TooManyRequests)
        {
            Content = new StringContent("""{"Message":"rate limited","Code":0,"Type":"error"}""", Encoding.UTF8, "application/json"),
        };
        response.Headers.RetryAfter = value.Delta is { } delta ? new RetryConditionHeaderValue(delta) : new RetryConditionHeaderValue(value.Date!.Value);
        return response;
    }

    private static HttpResponseMessage Added(byte[] bytes) => new(HttpStatusCode.OK)
    {
        Content = new StringContent($$"""{"Name":"file","Hash":"{{Cid.Compute(Multicodec.Raw, bytes)}}","Size":"{{bytes.Length}}"}""", Encoding.UTF8, "application/json"),
    };

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "the proxy never answered 429");
            await Task.Delay(50);
        }
    }

    private sealed class RetryAfter
    {
        public TimeSpan? Delta { get; set; }

        public DateTimeOffset? Date { get; set; }
    }
}
