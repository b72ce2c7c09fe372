using Mining.Ipfs.Multiformats;
using Mining.Ipfs.Pinning;
using Mining.Ipfs.Tests.Support;
using Mining.Testing;

namespace Mining.Ipfs.Tests.Pinning;

/// <summary>Against node B's Pinning Service API; the content lives on node A and reaches B over bitswap.</summary>
[Collection(LocalIpfsNodes.Name)]
public sealed class PinningServiceClientTests(DevStackFixture stack)
{
    [Fact]
    public async Task A_pin_request_goes_from_queued_to_pinned_and_can_be_listed_replaced_and_removed()
    {
        var a = stack.A().Kubo();
        var origins = (await a.IdAsync()).Addresses;
        var first = (await a.AddAsync(new MemoryStream(LocalNodes.RandomBytes(50_000)))).Cid;
        var second = (await a.AddAsync(new MemoryStream(LocalNodes.RandomBytes(50_000)))).Cid;
        var pinning = stack.B().Pinning();
        var name = "learning-" + Guid.NewGuid().ToString("N");

        var queued = await pinning.AddAsync(new Pin(first, name, origins, new Dictionary<string, string> { ["learningId"] = name }));
        Assert.Contains(queued.Status, new[] { PinningStatus.Queued, PinningStatus.Pinning, PinningStatus.Pinned });
        var pinned = await pinning.WaitUntilPinnedAsync(queued.RequestId);
        Assert.Equal(PinningStatus.Pinned, pinned.Status);
        Assert.Equal(first, pinned.Pin.Cid);
        Assert.NotEmpty(pinned.Delegates);
        Assert.True(await stack.B().Kubo().IsPinnedAsync(first));

        var byCid = await pinning.ListAsync(new PinListQuery { Cids = [first] });
        Assert.Equal(queued.RequestId, Assert.Single(byCid.Results).RequestId);
        var byName = await pinning.ListAsync(new PinListQuery { Name = name[..20].ToUpperInvariant(), Match = PinNameMatch.IPartial, Statuses = [PinningStatus.Pinned] });
        Assert.Contains(byName.Results, r => r.RequestId == queued.RequestId);
        var byMeta = await pinning.ListAsync(new PinListQuery { Meta = new Dictionary<string, string> { ["learningId"] = name } });
        Assert.Equal(1, byMeta.Count);

        var replaced = await pinning.ReplaceAsync(queued.RequestId, new Pin(second, name, origins));
        Assert.NotEqual(queued.RequestId, replaced.RequestId);
        await pinning.WaitUntilPinnedAsync(replaced.RequestId);
        var gone = await Assert.ThrowsAsync<PinningServiceException>(() => pinning.GetAsync(queued.RequestId));
        Assert.Equal(System.Net.HttpStatusCode.NotFound, gone.StatusCode);

        await pinning.RemoveAsync(replaced.RequestId);
        Assert.Equal(0, (await pinning.ListAsync(new PinListQuery { Cids = [second] })).Count);
        Assert.False(await stack.B().Kubo().IsPinnedAsync(second));
    }

    [Fact]
    public async Task A_wrong_token_is_refused_with_advice_to_check_it()
    {
        var pinning = stack.B().Pinning(token: "not-the-token");

        var error = await Assert.ThrowsAsync<PinningServiceException>(() => pinning.ListAsync());

        Assert.Equal("UNAUTHORIZED", error.Reason);
        Assert.Contains(nameof(PinningServiceOptions.AccessToken), error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_bearer_token_never_appears_in_the_request_URL()
    {
        var handler = new StubHandler((_, _) => Task.FromResult(Json(200, """{"count":0,"results":[]}""")));
        var pinning = Fake(handler, new FakeTime());

        await pinning.ListAsync();

        var (_, uri, authorization) = Assert.Single(handler.Requests);
        Assert.Equal("Bearer secret-token", authorization);
        Assert.DoesNotContain("secret-token", uri.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_provider_out_of_funds_is_reported_as_insufficient_funds_without_retrying()
    {
        var handler = new StubHandler((_, _) => Task.FromResult(Json(409, """{"error":{"reason":"INSUFFICIENT_FUNDS","details":"balance 0, need 1"}}""")));
        var pinning = Fake(handler, new FakeTime());

        var error = await Assert.ThrowsAsync<InsufficientFundsException>(() => pinning.AddAsync(new Pin(SomeCid())));

        Assert.Contains("balance 0, need 1", error.Message, StringComparison.Ordinal);
        Assert.Single(handler.Requests);
    }

    [Fact]
    public async Task A_429_is_retried_after_the_Retry_After_the_provider_asked_for()
    {
        var time = new FakeTime();
        var calls = new List<DateTimeOffset>();
        var handler = new StubHandler((_, n) =>
        {
            calls.Add(time.GetUtcNow());
            if (n == 1)
            {
                var limited = Json(429, """{"error":{"reason":"RATE_LIMITED"}}""");
                limited.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(TimeSpan.FromSeconds(7));
                return Task.FromResult(limited);
            }

            return Task.FromResult(Json(202, Status("r1", "queued")));
        });
        var pinning = Fake(handler, time);

        var status = await time.RunUntilDone(pinning.AddAsync(new Pin(SomeCid())));

        Assert.Equal("r1", status.RequestId);
        Assert.Equal(2, calls.Count);
        Assert.True(calls[1] - calls[0] >= TimeSpan.FromSeconds(7), $"retried after {calls[1] - calls[0]}");
    }

    [Fact]
    public async Task A_pin_that_stays_queued_past_the_pin_timeout_fails_with_its_last_status()
    {
        var time = new FakeTime();
        var handler = new StubHandler((_, _) => Task.FromResult(Json(200, Status("r2", "queued"))));
        var pinning = Fake(handler, time, pinTimeout: TimeSpan.FromMinutes(5));

        var error = await Assert.ThrowsAsync<PinFailedException>(() => time.RunUntilDone(pinning.WaitUntilPinnedAsync("r2")));

        Assert.Equal(PinningStatus.Queued, error.LastStatus!.Status);
        Assert.Contains("did not complete within", error.Message, StringComparison.Ordinal);
        // It polled again after the first answer and did not poll without pause; how many polls fit in the timeout depends on
        // how the fake clock's one-second steps interleave with the polling continuations, so only these bounds are fixed.
        Assert.InRange(handler.Requests.Count, 2, 40);
    }

    [Fact]
    public async Task A_failed_pin_reports_the_provider_details()
    {
        var handler = new StubHandler((_, _) => Task.FromResult(Json(200, Status("r3", "failed", """{"status_details":"no provider for the CID"}"""))));
        var pinning = Fake(handler, new FakeTime());

        var error = await Assert.ThrowsAsync<PinFailedException>(() => pinning.WaitUntilPinnedAsync("r3"));

        Assert.Contains("no provider for the CID", error.Message, StringComparison.Ordinal);
    }

    private static Cid SomeCid() => Cid.Compute(Multicodec.Raw, "x"u8);

    private static string Status(string id, string status, string info = "{}") =>
        $$"""{"requestid":"{{id}}","status":"{{status}}","created":"2026-01-01T00:00:00Z","pin":{"cid":"{{SomeCid()}}"},"delegates":[],"info":{{info}}}""";

    private static HttpResponseMessage Json(int status, string body) =>
        new((System.Net.HttpStatusCode)status) { Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json") };

    private static PinningServiceClient Fake(StubHandler handler, FakeTime time, TimeSpan? pinTimeout = null) =>
        new(new HttpClient(handler), new PinningServiceOptions
        {
            Name = "fake-provider",
            Endpoint = new Uri("https://pinning.example/psa"),
            AccessToken = "secret-token",
            PinTimeout = pinTimeout ?? TimeSpan.FromMinutes(10),
            Resilience = new() { MaxRetryAttempts = 3, BaseDelay = TimeSpan.FromSeconds(1), MaxDelay = TimeSpan.FromSeconds(30) },
        }, time);
}
