using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using Microsoft.DurableTask.Client;
using Mining.Functions.DeadLetters;
using Mining.Functions.Options;
using Mining.Functions.Replay;
using Mining.Functions.Settings;
using Mining.Testing;

namespace Mining.Functions.Tests.Publishing;

/// <summary>
/// Dead letters on the real local stack: node A's RPC API sits behind a fault proxy (down, rate limited or passing),
/// activities get 3 attempts a second apart, and the operator replays or deletes what failed through the API.
/// </summary>
[Collection("DevStack")]
public sealed class DeadLettersOnTheLocalStackTests(DevStackFixture stack, DeadLettersOnTheLocalStackTests.FaultyNodeApp app)
    : IClassFixture<DeadLettersOnTheLocalStackTests.FaultyNodeApp>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(240);
    private static readonly HttpClient Mail = new();

    [Fact]
    public void The_app_pins_node_A_through_the_proxy_and_records_give_ups_as_dead_letters()
    {
        var nodes = app.Service<IOptions<IpfsOptions>>().Value.Nodes;

        Assert.Equal(app.Proxy.Url, nodes[0].RpcUrl);
        Assert.NotNull(app.Service<DeadLetterFailureSink>());
    }

    [Fact]
    public async Task An_outage_shorter_than_the_retry_budget_is_ridden_out_without_a_dead_letter()
    {
        app.Proxy.Set(FaultMode.Down);
        try
        {
            var (client, id, _) = await SubmitAndApproveAsync();
            await LocalStackApp.WaitForAsync(client, id, r => r.GetProperty("status").GetString() == "Pinning", Patience);
            await Task.Delay(TimeSpan.FromSeconds(2));
            app.Proxy.Set(FaultMode.Pass);

            var record = await LocalStackApp.WaitForAsync(client, id, r => IsOver(r.GetProperty("status").GetString()), Patience);

            Assert.Equal("Rewarded", record.GetProperty("status").GetString());
            Assert.Contains(record.GetProperty("pins").EnumerateArray(), p => p.GetProperty("target").GetString()!.StartsWith("kubo:", StringComparison.Ordinal));
            using var deadLetter = await app.Operator.GetAsync(new Uri($"/api/deadletters/dl_{id}", UriKind.Relative));
            Assert.Equal(HttpStatusCode.NotFound, deadLetter.StatusCode);
        }
        finally
        {
            app.Proxy.Set(FaultMode.Pass);
        }
    }

    [Fact]
    public async Task An_outage_longer_than_the_budget_dead_letters_once_alerts_once_and_a_replay_resumes_the_pinning_stage()
    {
        app.Proxy.Set(FaultMode.Down);
        string id, cid;
        HttpClient client;
        try
        {
            (client, id, cid) = await SubmitAndApproveAsync();
            var learning = await LocalStackApp.WaitForAsync(client, id, r => IsOver(r.GetProperty("status").GetString()), Patience);
            Assert.Equal("DeadLettered", learning.GetProperty("status").GetString());
            Assert.Contains($"dl_{id}", learning.GetProperty("reason").GetString(), StringComparison.Ordinal);

            var deadLetter = await GetDeadLetterAsync($"dl_{id}");
            var record = deadLetter.GetProperty("deadLetter");
            Assert.Equal("Learning", record.GetProperty("kind").GetString());
            Assert.Equal("Pinning", record.GetProperty("stage").GetString());
            Assert.Equal(3, record.GetProperty("attempts").GetInt32());
            Assert.Equal("Open", record.GetProperty("state").GetString());
            Assert.Equal(0, record.GetProperty("generation").GetInt32());
            Assert.Equal(id, record.GetProperty("learningId").GetString());
            Assert.Equal(cid, record.GetProperty("cid").GetString());
            Assert.Contains(app.Proxy.Url.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), record.GetProperty("error").GetString(), StringComparison.Ordinal);

            var listed = await app.Operator.GetFromJsonAsync<JsonElement>(new Uri("/api/deadletters?stage=Pinning&maxAge=01:00:00", UriKind.Relative));
            Assert.Contains(listed.GetProperty("items").EnumerateArray(), i => i.GetProperty("id").GetString() == $"dl_{id}");
            var older = await app.Operator.GetFromJsonAsync<JsonElement>(new Uri("/api/deadletters?minAge=01:00:00", UriKind.Relative));
            Assert.DoesNotContain(older.GetProperty("items").EnumerateArray(), i => i.GetProperty("id").GetString() == $"dl_{id}");

            Assert.Equal(1, await WaitForEmailsAsync(e => To(e, "operator@mining.local") && Subject(e).Contains($"dl_{id}", StringComparison.Ordinal), atLeast: 1));
            await Task.Delay(TimeSpan.FromSeconds(4));
            Assert.Equal(1, await CountEmailsAsync(e => To(e, "operator@mining.local") && Subject(e).Contains($"dl_{id}", StringComparison.Ordinal)));
        }
        finally
        {
            app.Proxy.Set(FaultMode.Pass);
        }

        using (var replay = await app.Operator.PostAsync(new Uri($"/api/deadletters/dl_{id}/replay", UriKind.Relative), null))
        {
            var body = await replay.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal(HttpStatusCode.Accepted, replay.StatusCode);
            Assert.False(body.GetProperty("alreadyReplayed").GetBoolean());
            Assert.Equal("Replayed", body.GetProperty("deadLetter").GetProperty("state").GetString());
            Assert.Equal(1, body.GetProperty("deadLetter").GetProperty("generation").GetInt32());
        }

        using (var again = await app.Operator.PostAsync(new Uri($"/api/deadletters/dl_{id}/replay", UriKind.Relative), null))
        {
            var body = await again.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal(HttpStatusCode.OK, again.StatusCode);
            Assert.True(body.GetProperty("alreadyReplayed").GetBoolean());
            Assert.Equal(1, body.GetProperty("deadLetter").GetProperty("generation").GetInt32());
        }

        var done = await LocalStackApp.WaitForAsync(client, id, r => IsOver(r.GetProperty("status").GetString()), Patience);
        Assert.Equal("Rewarded", done.GetProperty("status").GetString());
        Assert.Equal(1, await CountEmailsAsync(e => To(e, "test@mining.local") && Text(e).Contains(cid, StringComparison.Ordinal)));
        var history = await client.GetFromJsonAsync<JsonElement>(new Uri("/api/rewards/history", UriKind.Relative));
        Assert.Single(history.EnumerateArray(), e => e.GetProperty("learningId").GetString() == id);
        var trail = (await GetDeadLetterAsync($"dl_{id}")).GetProperty("audit").EnumerateArray().Select(a => a.GetProperty("action").GetString()).ToList();
        Assert.Equal(new string?[] { "Created", "Alerted", "Replayed" }, trail);
        using var patience = new CancellationTokenSource(Patience);
        var instance = await app.Service<DurableTaskClient>().WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, patience.Token);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, instance.RuntimeStatus);
    }

    [Fact]
    public async Task Deleting_a_dead_letter_needs_a_reason_keeps_it_in_the_audit_and_closes_the_learning_as_failed()
    {
        app.Proxy.Set(FaultMode.Down);
        string id;
        HttpClient client;
        try
        {
            (client, id, _) = await SubmitAndApproveAsync();
            await LocalStackApp.WaitForAsync(client, id, r => r.GetProperty("status").GetString() == "DeadLettered", Patience);
        }
        finally
        {
            app.Proxy.Set(FaultMode.Pass);
        }

        var path = new Uri($"/api/deadletters/dl_{id}", UriKind.Relative);
        foreach (var body in new[] { null, "{}", "{\"reason\":\"   \"}", JsonSerializer.Serialize(new { reason = new string('x', 501) }) })
        {
            using var request = new HttpRequestMessage(HttpMethod.Delete, path);
            if (body is not null)
            {
                request.Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json");
            }

            using var refused = await app.Operator.SendAsync(request);
            Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
            Assert.Contains("reason", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        Assert.Equal("Open", (await GetDeadLetterAsync($"dl_{id}")).GetProperty("deadLetter").GetProperty("state").GetString());

        using (var unknown = await DeleteAsync(new Uri("/api/deadletters/dl_nosuchthing", UriKind.Relative), "cleanup"))
        {
            Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        }

        using (var deleted = await DeleteAsync(path, "The content was withdrawn by the contributor."))
        {
            Assert.Equal(HttpStatusCode.OK, deleted.StatusCode);
        }

        var view = await GetDeadLetterAsync($"dl_{id}");
        Assert.Equal("Deleted", view.GetProperty("deadLetter").GetProperty("state").GetString());
        Assert.Equal("The content was withdrawn by the contributor.", view.GetProperty("deadLetter").GetProperty("deleteReason").GetString());
        Assert.Contains(view.GetProperty("audit").EnumerateArray(),
            a => a.GetProperty("action").GetString() == "Deleted" && a.GetProperty("detail").GetString() == "The content was withdrawn by the contributor.");
        var learning = await LocalStackApp.GetAsync(client, id);
        Assert.Equal("Failed", learning.GetProperty("status").GetString());
        Assert.Contains("The content was withdrawn by the contributor.", learning.GetProperty("reason").GetString(), StringComparison.Ordinal);
        using var patience = new CancellationTokenSource(Patience);
        var instance = await app.Service<DurableTaskClient>().WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, patience.Token);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, instance.RuntimeStatus);
        Assert.Equal("Failed", ((Learnings.LearningStatus)instance.ReadOutputAs<int>()).ToString());

        using (var replay = await app.Operator.PostAsync(new Uri($"/api/deadletters/dl_{id}/replay", UriKind.Relative), null))
        {
            Assert.Equal(HttpStatusCode.Conflict, replay.StatusCode);
        }

        using var unknownReplay = await app.Operator.PostAsync(new Uri("/api/deadletters/dl_nosuchthing/replay", UriKind.Relative), null);
        Assert.Equal(HttpStatusCode.NotFound, unknownReplay.StatusCode);
    }

    [Fact]
    public async Task Recording_the_same_failure_again_or_a_stale_one_changes_nothing_and_alerts_once()
    {
        var service = app.Service<DeadLetterService>();
        var instance = "probe-" + Guid.NewGuid().ToString("N")[..16];
        var failure = new DeadLetterFailure(DeadLetterKind.Learning, instance, "PublishLearning", [], "Pinning", "node A refused", 3, Generation: 0);

        var first = await service.RecordAsync(failure, CancellationToken.None);
        var again = await service.RecordAsync(failure with { Error = "a retried activity reports it again" }, CancellationToken.None);

        Assert.Equal(first.FailedAt, again.FailedAt);
        Assert.Equal("node A refused", again.Error);
        Assert.Equal(DeadLetterState.Open, again.State);
        var audit = (await GetDeadLetterAsync($"dl_{instance}")).GetProperty("audit").EnumerateArray().Select(a => a.GetProperty("action").GetString()).ToList();
        Assert.Equal(new string?[] { "Created", "Alerted" }, audit);
        Assert.Equal(1, await CountEmailsAsync(e => To(e, "operator@mining.local") && Subject(e).Contains($"dl_{instance}", StringComparison.Ordinal)));

        // No instance waits under that id: a replay has nothing to resume and says so, changing nothing.
        using var replay = await app.Operator.PostAsync(new Uri($"/api/deadletters/dl_{instance}/replay", UriKind.Relative), null);
        Assert.Equal(HttpStatusCode.Conflict, replay.StatusCode);
        Assert.Equal("Open", (await GetDeadLetterAsync($"dl_{instance}")).GetProperty("deadLetter").GetProperty("state").GetString());
    }

    [Fact]
    public async Task Every_dead_letter_endpoint_refuses_callers_without_the_operator_key()
    {
        var (contributor, _) = await app.NewContributorAsync();
        using var anonymous = app.CreateClient();
        foreach (var client in new[] { anonymous, contributor })
        {
            foreach (var (method, path) in new[]
            {
                (HttpMethod.Get, "/api/deadletters"), (HttpMethod.Get, "/api/deadletters/dl_x"),
                (HttpMethod.Post, "/api/deadletters/dl_x/replay"), (HttpMethod.Delete, "/api/deadletters/dl_x"),
            })
            {
                using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative));
                if (method == HttpMethod.Delete)
                {
                    request.Content = JsonContent.Create(new { reason = "not allowed" });
                }

                using var response = await client.SendAsync(request);
                Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $"{method} {path}: {(int)response.StatusCode}");
            }
        }
    }

    [Fact]
    public async Task Listing_with_a_malformed_age_or_an_unknown_stage_is_a_problem_that_says_the_format()
    {
        foreach (var query in new[] { "minAge=ten", "maxAge=-00:01:00", "minAge=00:10:00&maxAge=00:01:00", "stage=Nowhere", "state=Gone" })
        {
            using var response = await app.Operator.GetAsync(new Uri("/api/deadletters?" + query, UriKind.Relative));
            var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("detail").GetString()));
        }

        using var format = await app.Operator.GetAsync(new Uri("/api/deadletters?minAge=ten", UriKind.Relative));
        Assert.Contains("00:10:00", await format.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_node_answering_429_is_waited_for_as_its_Retry_After_asks_and_the_learning_is_rewarded()
    {
        app.Proxy.RetryAfterSeconds = 1;
        app.Proxy.Set(FaultMode.RateLimited);
        var before = app.Proxy.RateLimitedAnswers;
        try
        {
            var (client, id, _) = await SubmitAndApproveAsync();
            var deadline = DateTime.UtcNow + Patience;
            while (app.Proxy.RateLimitedAnswers < before + 2)
            {
                Assert.True(DateTime.UtcNow < deadline, "node A was never asked while rate limited");
                await Task.Delay(100);
            }

            app.Proxy.Set(FaultMode.Pass);
            var record = await LocalStackApp.WaitForAsync(client, id, r => IsOver(r.GetProperty("status").GetString()), Patience);

            Assert.Equal("Rewarded", record.GetProperty("status").GetString());
            Assert.True(app.Proxy.RateLimitedAnswers >= before + 2);
            using var deadLetter = await app.Operator.GetAsync(new Uri($"/api/deadletters/dl_{id}", UriKind.Relative));
            Assert.Equal(HttpStatusCode.NotFound, deadLetter.StatusCode);
        }
        finally
        {
            app.Proxy.Set(FaultMode.Pass);
        }
    }

    [Fact]
    public async Task A_batch_step_failing_after_its_retries_dead_letters_the_batch_and_a_replay_retries_that_step()
    {
        var (client, id, _) = await SubmitAndApproveAsync();
        await LocalStackApp.WaitForAsync(client, id,
            r => r.GetProperty("gateways").EnumerateArray().Count(g => g.GetProperty("outcome").GetString() == "Verified") == 2 || IsOver(r.GetProperty("status").GetString()),
            Patience);

        // The batch closes a few seconds later; preparing it pins the manifest on node A, which is down now.
        app.Proxy.Set(FaultMode.Down);
        JsonElement record;
        try
        {
            var learning = await LocalStackApp.WaitForAsync(client, id, r => IsOver(r.GetProperty("status").GetString()), Patience);
            Assert.Equal("DeadLettered", learning.GetProperty("status").GetString());
            var listed = await app.Operator.GetFromJsonAsync<JsonElement>(new Uri("/api/deadletters?stage=Anchoring&state=Open", UriKind.Relative));
            record = listed.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("learnings").EnumerateArray().Any(l => l.GetProperty("learningId").GetString() == id));
        }
        finally
        {
            app.Proxy.Set(FaultMode.Pass);
        }

        var batchId = record.GetProperty("batchId").GetString()!;
        Assert.Equal("Batch", record.GetProperty("kind").GetString());
        Assert.Equal($"dl_{batchId}", record.GetProperty("id").GetString());
        Assert.Equal(3, record.GetProperty("attempts").GetInt32());
        Assert.StartsWith("PrepareBatch failed", record.GetProperty("error").GetString(), StringComparison.Ordinal);

        using (var replay = await app.Operator.PostAsync(new Uri($"/api/deadletters/dl_{batchId}/replay", UriKind.Relative), null))
        {
            Assert.Equal(HttpStatusCode.Accepted, replay.StatusCode);
        }

        var done = await LocalStackApp.WaitForAsync(client, id, r => r.GetProperty("status").GetString() is "Rewarded" or "Failed", Patience);
        Assert.Equal("Rewarded", done.GetProperty("status").GetString());
        Assert.Equal(batchId, done.GetProperty("anchor").GetProperty("batchId").GetString());
    }

    [Fact]
    public async Task An_engine_give_up_becomes_one_dead_letter_and_its_replay_restarts_the_instance_from_its_stage()
    {
        var (client, contributor) = await app.NewContributorAsync();
        var settings = app.Service<SettingsStore>();
        await settings.SaveAsync(contributor.Id, (await settings.GetAsync(contributor.Id, CancellationToken.None)) with { Paused = true }, CancellationToken.None);
        var submitted = await LocalStackApp.SubmitAsync(client, LocalStackApp.Learning(Guid.NewGuid().ToString()));
        var (id, cid) = (submitted.GetProperty("id").GetString()!, submitted.GetProperty("cid").GetString()!);
        await ApproveAsync(client, id);
        var durable = app.Service<DurableTaskClient>();
        await WaitForCustomStatusAsync(durable, id, "Paused");

        // The engine fails an instance it gives up on; terminating it leaves it just as finished, at the same stage.
        await durable.TerminateInstanceAsync(id, "test: the engine gave up");
        using (var terminated = new CancellationTokenSource(Patience))
        {
            await durable.WaitForInstanceCompletionAsync(id, terminated.Token);
        }

        await settings.SaveAsync(contributor.Id, (await settings.GetAsync(contributor.Id, CancellationToken.None)) with { Paused = false }, CancellationToken.None);
        var sink = app.Service<DeadLetterFailureSink>();
        var failure = new OrchestrationFailure(id, "PublishLearning", "Control message could not be processed after 5 deliveries.", 5, "msg-" + Guid.NewGuid());
        await sink.OnGaveUpAsync(failure, CancellationToken.None);
        await sink.OnGaveUpAsync(failure, CancellationToken.None);

        var record = (await GetDeadLetterAsync($"dl_{id}")).GetProperty("deadLetter");
        Assert.Equal("Engine", record.GetProperty("kind").GetString());
        Assert.Equal("Pinning", record.GetProperty("stage").GetString());
        Assert.Equal(5, record.GetProperty("attempts").GetInt32());
        Assert.Equal("Open", record.GetProperty("state").GetString());
        Assert.Equal("DeadLettered", (await LocalStackApp.GetAsync(client, id)).GetProperty("status").GetString());
        Assert.Equal(1, await WaitForEmailsAsync(e => To(e, "operator@mining.local") && Subject(e).Contains($"dl_{id}", StringComparison.Ordinal), atLeast: 1));

        using (var replay = await app.Operator.PostAsync(new Uri($"/api/deadletters/dl_{id}/replay", UriKind.Relative), null))
        {
            Assert.Equal(HttpStatusCode.Accepted, replay.StatusCode);
        }

        using (var again = await app.Operator.PostAsync(new Uri($"/api/deadletters/dl_{id}/replay", UriKind.Relative), null))
        {
            Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        }

        var done = await LocalStackApp.WaitForAsync(client, id, r => IsOver(r.GetProperty("status").GetString()), Patience);
        Assert.Equal("Rewarded", done.GetProperty("status").GetString());
        Assert.Equal(1, await CountEmailsAsync(e => To(e, "test@mining.local") && Text(e).Contains(cid, StringComparison.Ordinal)));
        Assert.Equal(1, await CountEmailsAsync(e => To(e, "operator@mining.local") && Subject(e).Contains($"dl_{id}", StringComparison.Ordinal)));
        using var patience = new CancellationTokenSource(Patience);
        var restarted = await durable.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, patience.Token);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, restarted.RuntimeStatus);
        Assert.Contains("\"resumeFrom\":\"Pinning\"", restarted.SerializedInput, StringComparison.Ordinal);
    }

    private async Task<(HttpClient Client, string Id, string Cid)> SubmitAndApproveAsync()
    {
        var (client, _) = await app.NewContributorAsync();
        var submitted = await LocalStackApp.SubmitAsync(client, LocalStackApp.Learning(Guid.NewGuid().ToString()));
        var (id, cid) = (submitted.GetProperty("id").GetString()!, submitted.GetProperty("cid").GetString()!);
        await ApproveAsync(client, id);
        return (client, id, cid);
    }

    private static async Task ApproveAsync(HttpClient client, string id)
    {
        using var approve = await client.PostAsync(new Uri($"/api/learnings/{id}/approve", UriKind.Relative), null);
        Assert.True(approve.IsSuccessStatusCode, $"approve: {(int)approve.StatusCode} {await approve.Content.ReadAsStringAsync()}");
    }

    private static async Task WaitForCustomStatusAsync(DurableTaskClient durable, string id, string stage)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (true)
        {
            var instance = await durable.GetInstanceAsync(id, getInputsAndOutputs: true);
            if (instance?.SerializedCustomStatus?.Contains($"\"stage\":\"{stage}\"", StringComparison.Ordinal) == true)
            {
                return;
            }

            Assert.True(DateTime.UtcNow < deadline, $"{id} never reached {stage}: {instance?.SerializedCustomStatus}");
            await Task.Delay(200);
        }
    }

    private async Task<JsonElement> GetDeadLetterAsync(string id)
    {
        using var response = await app.Operator.GetAsync(new Uri($"/api/deadletters/{id}", UriKind.Relative));
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {body}");
        return body;
    }

    private Task<HttpResponseMessage> DeleteAsync(Uri path, string reason) =>
        app.Operator.SendAsync(new HttpRequestMessage(HttpMethod.Delete, path) { Content = JsonContent.Create(new { reason }) });

    private static bool IsOver(string? status) => status is "Rewarded" or "Failed" or "DeadLettered" or "Expired" or "Rejected" or "LocalOnly";

    private async Task<int> CountEmailsAsync(Func<JsonElement, bool> match)
    {
        var emails = await Mail.GetFromJsonAsync<JsonElement>(new Uri(stack.Endpoints.MailDevApiUrl, "api/email"));
        return emails.EnumerateArray().Count(match);
    }

    private async Task<int> WaitForEmailsAsync(Func<JsonElement, bool> match, int atLeast)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            var count = await CountEmailsAsync(match);
            if (count >= atLeast || DateTime.UtcNow > deadline)
            {
                return count;
            }

            await Task.Delay(250);
        }
    }

    [Fact]
    public async Task Gateways_that_stay_unavailable_dead_letter_the_learning_at_verifying_and_a_replay_keeps_its_pins()
    {
        app.GatewayProxy.Set(FaultMode.Down);
        string id;
        HttpClient client;
        try
        {
            (client, id, _) = await SubmitAndApproveAsync();
            var learning = await LocalStackApp.WaitForAsync(client, id, r => IsOver(r.GetProperty("status").GetString()), Patience);
            Assert.Equal("DeadLettered", learning.GetProperty("status").GetString());
            var record = (await GetDeadLetterAsync($"dl_{id}")).GetProperty("deadLetter");
            Assert.Equal("Verifying", record.GetProperty("stage").GetString());
            Assert.Contains(app.GatewayProxy.Url.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), record.GetProperty("error").GetString(), StringComparison.Ordinal);
            Assert.All(learning.GetProperty("pins").EnumerateArray(), p => Assert.True(p.GetProperty("pinned").GetBoolean()));
            Assert.Equal(2, learning.GetProperty("pins").GetArrayLength());
        }
        finally
        {
            app.GatewayProxy.Set(FaultMode.Pass);
        }

        using (var replay = await app.Operator.PostAsync(new Uri($"/api/deadletters/dl_{id}/replay", UriKind.Relative), null))
        {
            Assert.Equal(HttpStatusCode.Accepted, replay.StatusCode);
        }

        var done = await LocalStackApp.WaitForAsync(client, id, r => IsOver(r.GetProperty("status").GetString()), Patience);
        Assert.Equal("Rewarded", done.GetProperty("status").GetString());
    }

    private static bool To(JsonElement email, string address) =>
        email.TryGetProperty("to", out var to) && to.EnumerateArray().Any(t => string.Equals(t.GetProperty("address").GetString(), address, StringComparison.OrdinalIgnoreCase));

    private static string Subject(JsonElement email) => email.TryGetProperty("subject", out var s) ? s.GetString() ?? string.Empty : string.Empty;

    private static string Text(JsonElement email) => email.TryGetProperty("text", out var t) ? t.GetString() ?? string.Empty : string.Empty;

    /// <summary>
    /// The app with node A's RPC API and node B's gateway behind fault proxies, 3 attempts per activity a second apart, an operator key and
    /// its own task hub (so no other app's worker runs its activities with the real node A URL).
    /// </summary>
    public sealed class FaultyNodeApp : LocalStackApp, IAsyncLifetime
    {
        public FaultProxy Proxy { get; private set; } = null!;

        /// <summary>In front of node B's gateway, the second of the two that must agree.</summary>
        public FaultProxy GatewayProxy { get; private set; } = null!;

        public HttpClient Operator { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            var endpoints = (await DevStackFixture.Manager.UpAsync()).Endpoints;
            Proxy = FaultProxy.Start(endpoints.IpfsNodes[0].RpcUrl);
            GatewayProxy = FaultProxy.Start(endpoints.IpfsNodes[1].GatewayUrl);
            Operator = OperatorClient();
        }

        async Task IAsyncLifetime.DisposeAsync()
        {
            Operator.Dispose();
            await Proxy.DisposeAsync();
            await GatewayProxy.DisposeAsync();
            await DisposeAsync();
        }

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureAppConfiguration((_, configuration) => configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Ipfs:Nodes:0:RpcUrl"] = Proxy.Url.ToString(),
                ["Ipfs:Gateways:1"] = GatewayProxy.Url.ToString(),
                ["Publishing:RetryMaxAttempts"] = "3",
                ["Publishing:RetryFirstInterval"] = "00:00:01",
                ["Publishing:RetryMaxInterval"] = "00:00:02",
                ["extensions:durableTask:hubName"] = "DeadLetters" + Guid.NewGuid().ToString("N")[..12],
            }));
        }
    }
}
