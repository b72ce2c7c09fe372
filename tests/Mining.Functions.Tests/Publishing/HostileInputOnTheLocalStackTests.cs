using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Mining.Testing;

namespace Mining.Functions.Tests.Publishing;

/// <summary>Malformed and hostile requests against every public endpoint of the app on the real local stack.</summary>
[Collection("DevStack")]
public sealed class HostileInputOnTheLocalStackTests(DevStackFixture stack, LocalStackApp app) : IClassFixture<LocalStackApp>
{
    [Fact]
    public async Task A_thousand_malformed_requests_get_4xx_problem_documents_store_nothing_and_leave_the_service_healthy()
    {
        Assert.NotEmpty(stack.Endpoints.IpfsNodes);
        var (client, _) = await app.NewContributorAsync();
        var key = client.DefaultRequestHeaders.GetValues("X-Api-Key").Single();
        var random = new Random(20261124);
        var statuses = new Dictionary<int, int>();
        var sent = 0;
        foreach (var request in MalformedRequests(key, app.OperatorKey, random).Take(1200))
        {
            using var anonymous = app.CreateClient();
            using var response = await anonymous.SendAsync(request);
            sent++;
            var status = (int)response.StatusCode;
            statuses[status] = statuses.GetValueOrDefault(status) + 1;
            var body = await response.Content.ReadAsStringAsync();
            Assert.True(status is >= 400 and < 500, $"{request.Method} {request.RequestUri} → {status}: {body}");
            if (request.RequestUri!.OriginalString.StartsWith("/api/", StringComparison.Ordinal))
            {
                Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            }
        }

        Assert.True(sent >= 1000);
        Assert.True(statuses.Keys.Count >= 5, string.Join(", ", statuses.Select(s => $"{s.Key}×{s.Value}")));
        var list = await client.GetFromJsonAsync<JsonElement>(new Uri("/api/learnings", UriKind.Relative));
        Assert.Equal(0, list.GetProperty("items").GetArrayLength());
        using var health = await app.CreateClient().GetAsync(new Uri("/healthz", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }

    [Fact]
    public async Task A_contributor_cannot_read_approve_reject_or_publish_another_contributors_learning()
    {
        var (owner, _) = await app.NewContributorAsync();
        var (intruder, _) = await app.NewContributorAsync();
        var submitted = await LocalStackApp.SubmitAsync(owner, LocalStackApp.Learning(Guid.NewGuid().ToString()));
        var id = submitted.GetProperty("id").GetString()!;

        using var read = await intruder.GetAsync(new Uri($"/api/learnings/{id}", UriKind.Relative));
        using var approve = await intruder.PostAsync(new Uri($"/api/learnings/{id}/approve", UriKind.Relative), null);
        using var reject = await intruder.PostAsync(new Uri($"/api/learnings/{id}/reject", UriKind.Relative), null);
        using var publish = await intruder.PostAsync(new Uri($"/api/learnings/{id}/publish", UriKind.Relative), null);
        var list = await intruder.GetFromJsonAsync<JsonElement>(new Uri("/api/learnings", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, read.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, approve.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, reject.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, publish.StatusCode);
        Assert.Equal(0, list.GetProperty("items").GetArrayLength());
        Assert.Equal("AwaitingApproval", (await LocalStackApp.GetAsync(owner, id)).GetProperty("status").GetString());
    }

    [Theory]
    [InlineData("GET", "/api/learnings")]
    [InlineData("POST", "/api/learnings")]
    [InlineData("GET", "/api/learnings/lrn_000000000000000000000000")]
    [InlineData("POST", "/api/learnings/lrn_000000000000000000000000/approve")]
    [InlineData("GET", "/api/rewards")]
    [InlineData("GET", "/api/rewards/history")]
    [InlineData("GET", "/api/settings")]
    [InlineData("PUT", "/api/settings")]
    [InlineData("POST", "/api/uploads/pause")]
    [InlineData("POST", "/api/contributors")]
    [InlineData("POST", "/api/settings/webhook-secret")]
    [InlineData("GET", "/api/keys")]
    [InlineData("POST", "/api/keys/rotate")]
    [InlineData("DELETE", "/api/keys/key_0000000000000000")]
    [InlineData("GET", "/api/audit")]
    [InlineData("GET", "/api/contributors/ctb_dev/keys")]
    [InlineData("DELETE", "/api/contributors/ctb_dev/keys/key_0000000000000000")]
    public async Task Every_api_endpoint_refuses_a_request_without_a_valid_key(string method, string path)
    {
        foreach (var key in new string?[] { null, "mk_not-a-key", "Bearer", new string('x', 5000) })
        {
            using var request = new HttpRequestMessage(new HttpMethod(method), new Uri(path, UriKind.Relative));
            if (key is not null)
            {
                request.Headers.TryAddWithoutValidation("X-Api-Key", key);
            }

            using var response = await app.CreateClient().SendAsync(request);

            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        }
    }

    [Fact]
    public async Task Submissions_over_the_per_key_rate_get_429_with_retry_after()
    {
        var (client, _) = await app.NewContributorAsync();
        HttpResponseMessage? limited = null;
        for (var i = 0; i < 200 && limited is null; i++)
        {
            using var content = new StringContent("{}", Encoding.UTF8, "application/json");
            var response = await client.PostAsync(new Uri("/api/learnings", UriKind.Relative), content);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                limited = response;
            }
            else
            {
                response.Dispose();
            }
        }

        Assert.NotNull(limited);
        Assert.True(limited.Headers.RetryAfter?.Delta > TimeSpan.Zero);
        Assert.Equal("application/problem+json", limited.Content.Headers.ContentType?.MediaType);
        limited.Dispose();
    }

    private static IEnumerable<HttpRequestMessage> MalformedRequests(string key, string operatorKey, Random random)
    {
        var bodies = new Func<HttpContent>[]
        {
            () => Json("{"),
            () => Json("[]"),
            () => Json("null"),
            () => Json("\"text\""),
            () => Json("{\"title\": 42, \"tags\": \"not-an-array\", \"confidence\": \"high\"}"),
            () => Json("{\"title\": \"" + new string('a', 300_000) + "\"}"),
            () => Json("{\"tags\": [" + string.Join(',', Enumerable.Repeat("\"t\"", 50_000)) + "]}"),
            () => Json(new string('[', 10_000) + new string(']', 10_000)),
            () => Json("{\"a\":" + string.Concat(Enumerable.Repeat("{\"a\":", 500)) + "1" + new string('}', 501)),
            () => new ByteArrayContent([0x7B, 0x22, 0xFF, 0xFE, 0x22, 0x3A, 0x31, 0x7D]) { Headers = { ContentType = new("application/json") } },
            () => Json("{\"title\":\"a\u0000b\"}"),
            () => Json("{\"title\":\"x\",\"title\":\"y\"}"),
            () => new ByteArrayContent(new byte[1_500_000]) { Headers = { ContentType = new("application/json") } },
            () => new StringContent("title=x", Encoding.UTF8, "application/x-www-form-urlencoded"),
            () => new StringContent("<xml/>", Encoding.UTF8, "application/xml"),
            () => new StringContent("{}", Encoding.UTF8, "text/plain"),
            () => Json(RandomJunk(random)),
        };
        var graceBodies = new Func<HttpContent>[]
        {
            () => Json("{\"gracePeriod\": \"-00:00:01\"}"),
            () => Json("{\"gracePeriod\": \"8.00:00:00\"}"),
            () => Json("{\"gracePeriod\": \"10675199.02:48:05.4775807\"}"),
            () => Json("{\"gracePeriod\": 3600}"),
            () => Json("{\"gracePeriod\": \"soon\"}"),
            () => Json("{\"gracePeriod\": \"01:00:00\", \"extra\": 1}"),
            () => Json("[\"01:00:00\"]"),
            () => Json("{"),
            () => new ByteArrayContent(new byte[10_000]) { Headers = { ContentType = new("application/json") } },
            () => Json(RandomJunk(random)),
        };
        var webhookUrls = new[]
        {
            "file:///etc/passwd", "http://169.254.169.254/latest/meta-data/", "http://127.0.0.1:10000/", "http://10.0.0.5:8080/x",
            "http://127.1/", "http://0x7f000001/", "http://2130706433/", "http://0177.0.0.1/", "http://[::ffff:127.0.0.1]/", "http://[::1]/",
            "http://[fe80::1]/", "http://[fd00::1]/", "http://0.0.0.0/", "http://224.0.0.1/", "http://255.255.255.255/", "http://100.64.0.1/",
            "http://localhost/", "http://intranet/", "gopher://example.org/", "javascript:alert(1)", "hook", "http://user:pw@example.org/",
            "https://" + new string('a', 3000) + ".example.org/", "http://[::ffff:a00:5]/", "data:text/plain,x", "\\\\server\\share",
        };
        var keyIds = new[] { "key_zzz", "key_0000000000000000", "%01", "..%2F..", new string('k', 500), "key_'; DROP", "PartitionKey eq 'x'" };
        var contributorIds = new[] { "ctb_0000000000000000", "ctb_%2F%2E%2E", "ctb_" + new string('0', 200), "'; DROP", "ctb_nobody", "%E2%80%AE" };
        var ids = new[] { "lrn_zzz", "%01%7F", "..%2F..%2Fetc", "lrn_" + new string('f', 500), "'; DROP TABLE", "lrn_%E2%80%AE", "PartitionKey eq 'x'" };
        var tokens = new[] { "x", "a.b", "....", new string('A', 3000), "eyJ9.eyJ9", "%01%02", "e30.e30" };
        for (var round = 0; ; round++)
        {
            foreach (var body in bodies)
            {
                yield return With(key, HttpMethod.Post, "/api/learnings", body());
                yield return With(key, HttpMethod.Put, "/api/settings", body());
                yield return With(round % 3 == 0 ? null : round % 3 == 1 ? "mk_" + round : operatorKey, HttpMethod.Post, "/api/contributors", body());
                yield return With(null, HttpMethod.Post, $"/approvals/{tokens[round % tokens.Length]}", body());
                yield return With(operatorKey, HttpMethod.Delete, $"/api/deadletters/{ids[round % ids.Length]}", body());
            }

            foreach (var id in ids)
            {
                yield return With(key, HttpMethod.Get, $"/api/learnings/{id}", null);
                yield return With(key, HttpMethod.Post, $"/api/learnings/{id}/approve", null);
                yield return With(key, HttpMethod.Post, $"/api/learnings/{id}/reject", null);
                yield return With(key, HttpMethod.Post, $"/api/learnings/{id}/publish", null);
                yield return With(key, HttpMethod.Get, $"/api/learnings/{id}/receipt", null);
                yield return With(operatorKey, HttpMethod.Get, $"/api/deadletters/{id}", null);
                yield return With(operatorKey, HttpMethod.Post, $"/api/deadletters/{id}/replay", null);
                yield return With(key, HttpMethod.Post, $"/api/deadletters/{id}/replay", null);
            }

            foreach (var token in tokens)
            {
                yield return With(null, HttpMethod.Get, $"/approvals/{token}", null);
            }

            foreach (var body in graceBodies)
            {
                yield return With(key, HttpMethod.Post, "/api/keys/rotate", body());
                yield return With(key, HttpMethod.Post, "/api/settings/webhook-secret", body());
            }

            var url = webhookUrls[round % webhookUrls.Length];
            yield return With(key, HttpMethod.Put, "/api/settings", Json(JsonSerializer.Serialize(new { notificationChannel = "webhook", webhookUrl = url })));
            yield return With(key, HttpMethod.Put, "/api/settings", Json(JsonSerializer.Serialize(new { notificationChannel = "email", webhookUrl = url })));
            foreach (var keyId in keyIds)
            {
                yield return With(key, HttpMethod.Delete, $"/api/keys/{keyId}", null);
                yield return With(operatorKey, HttpMethod.Delete, $"/api/contributors/{contributorIds[round % contributorIds.Length]}/keys/{keyId}", graceBodies[round % graceBodies.Length]());
            }

            yield return With(operatorKey, HttpMethod.Get, $"/api/contributors/{contributorIds[round % contributorIds.Length]}/keys", null);
            yield return With(key, HttpMethod.Get, $"/api/audit?continuation={Uri.EscapeDataString(RandomJunk(random))}", null);
            yield return With("mk_" + round, HttpMethod.Get, "/api/keys", null);

            yield return With(key, HttpMethod.Get, $"/api/learnings?status={Uri.EscapeDataString(RandomJunk(random))}", null);
            yield return With(key, HttpMethod.Get, $"/api/learnings?continuation={Uri.EscapeDataString(RandomJunk(random))}", null);
            yield return With("mk_" + RandomJunk(random).Length, HttpMethod.Get, "/api/rewards", null);
            yield return With(null, HttpMethod.Post, "/api/uploads/pause", null);
            yield return With(key, HttpMethod.Post, "/api/operator/uploads/pause", null);
            yield return With(key, HttpMethod.Get, "/api/alerts", null);
            yield return With(round % 2 == 0 ? null : key, HttpMethod.Get, "/api/operator/metrics", null);
            yield return With(operatorKey, HttpMethod.Get, $"/api/deadletters?stage={Uri.EscapeDataString(RandomJunk(random))}&minAge={Uri.EscapeDataString(RandomJunk(random))}", null);
        }
    }

    private static HttpRequestMessage With(string? key, HttpMethod method, string path, HttpContent? content)
    {
        var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative)) { Content = content };
        if (key is not null)
        {
            request.Headers.TryAddWithoutValidation("X-Api-Key", key);
        }

        return request;
    }

    private static StringContent Json(string text) => new(text, Encoding.UTF8, "application/json");

    private static string RandomJunk(Random random)
    {
        const string alphabet = "{}[]\":,\\0123456789abcdefXYZ \t\nnulltruefalse\u00e9\u2028";
        return new string(Enumerable.Range(0, random.Next(1, 200)).Select(_ => alphabet[random.Next(alphabet.Length)]).ToArray());
    }
}
