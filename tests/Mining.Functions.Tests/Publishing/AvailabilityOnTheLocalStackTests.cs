using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Mining.DevStack;
using Microsoft.DurableTask.Client;
using Mining.Functions.Storage;
using Mining.Ipfs.Kubo;
using Mining.Ipfs.Multiformats;
using Mining.Ipfs.Pinning;
using Mining.Testing;

namespace Mining.Functions.Tests.Publishing;

/// <summary>
/// The availability monitor on the real local stack (Azurite, anvil, both Helia nodes, maildev): content removed for
/// real from both IPFS nodes (unpinned, pin request deleted, garbage-collected) is detected, re-pinned from the stored
/// document and served again, with exactly one operator alert per incident.
/// </summary>
[Collection("DevStack")]
public sealed class AvailabilityOnTheLocalStackTests(DevStackFixture stack, AvailabilityOnTheLocalStackTests.App app)
    : IClassFixture<AvailabilityOnTheLocalStackTests.App>
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(4);
    private static readonly HttpClient Http = new();

    [Fact]
    public async Task Content_lost_on_every_node_is_repinned_from_the_stored_document_and_alerted_once()
    {
        var (client, _) = await app.NewContributorAsync();
        var lost = await PublishAsync(client, "availability-lost");
        var kept = await PublishAsync(client, "availability-kept");
        await WaitForCheckAsync(client, lost.Id, after: null);
        var keptFirstCheck = await WaitForCheckAsync(client, kept.Id, after: null);

        await RemoveFromBothNodesAsync(lost.Cid);

        var incident = await LocalStackApp.WaitForAsync(client, lost.Id, r => Availability(r) is { } a
            && a.GetProperty("incidents").GetInt32() == 1 && a.GetProperty("state").GetString() is "Repinned" or "Available"
            && a.GetProperty("repinnedAt").ValueKind == JsonValueKind.String, Patience);
        var availability = incident.GetProperty("availability");
        Assert.True(availability.GetProperty("verifiedGateways").GetInt32() >= availability.GetProperty("quorum").GetInt32(), availability.ToString());
        Assert.True(availability.GetProperty("lostSince").GetDateTimeOffset() <= availability.GetProperty("repinnedAt").GetDateTimeOffset());
        Assert.Contains("re-added from the stored document and pinned", availability.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Contains("pin requested again", availability.GetProperty("detail").GetString(), StringComparison.Ordinal);

        var stored = await app.Service<DocumentStore>().ReadDocumentAsync(lost.Cid, CancellationToken.None);
        foreach (var node in stack.Endpoints.IpfsNodes)
        {
            Assert.Equal(stored, await Http.GetByteArrayAsync(new Uri(node.GatewayUrl, $"ipfs/{lost.Cid}?format=raw")));
        }

        Assert.True(await Kubo(stack.Endpoints.IpfsNodes[0]).IsPinnedAsync(lost.Cid));

        // Several more rounds: the CID stays available, and the incident is not reported again.
        var checkedAt = availability.GetProperty("lastCheckedAt").GetDateTimeOffset();
        for (var round = 0; round < 3; round++)
        {
            checkedAt = await WaitForCheckAsync(client, lost.Id, after: checkedAt);
        }

        var after = Availability(await LocalStackApp.GetAsync(client, lost.Id))!.Value;
        Assert.Equal("Available", after.GetProperty("state").GetString());
        Assert.Equal(1, after.GetProperty("incidents").GetInt32());
        Assert.Single(await AlertEmailsAsync(lost.Cid));
        Assert.Equal(new[] { $"availability:{lost.Cid}:1" }, await AlertKeysAsync(lost.Cid));

        // The learning that never lost its content was checked again and again, without alerts.
        await WaitForCheckAsync(client, kept.Id, after: keptFirstCheck);
        var keptNow = Availability(await LocalStackApp.GetAsync(client, kept.Id))!.Value;
        Assert.Equal("Available", keptNow.GetProperty("state").GetString());
        Assert.Equal(0, keptNow.GetProperty("incidents").GetInt32());
        Assert.Equal(JsonValueKind.Null, keptNow.GetProperty("lostSince").ValueKind);
        Assert.Empty(await AlertEmailsAsync(kept.Cid));
        Assert.Empty(await AlertKeysAsync(kept.Cid));
    }

    [Fact]
    public async Task When_re_pinning_fails_the_learning_stays_lost_and_later_rounds_try_again_without_alerting_again()
    {
        var (client, _) = await app.NewContributorAsync();
        var learning = await PublishAsync(client, "availability-missing-document");
        await WaitForCheckAsync(client, learning.Id, after: null);
        var documents = app.Service<DocumentStore>();
        var stored = (await documents.ReadDocumentAsync(learning.Cid, CancellationToken.None))!;
        await app.Service<AppStorage>().Container(AppStorage.DocumentsContainer).GetBlobClient(learning.Cid.ToString()).DeleteAsync();

        await RemoveFromBothNodesAsync(learning.Cid);

        var lost = await LocalStackApp.WaitForAsync(client, learning.Id, r => Availability(r) is { } a
            && a.GetProperty("state").GetString() == "Lost" && a.GetProperty("detail").GetString() is { } d && d.Contains("missing", StringComparison.Ordinal), Patience);
        var lostAt = lost.GetProperty("availability").GetProperty("lastCheckedAt").GetDateTimeOffset();
        await WaitForCheckAsync(client, learning.Id, after: lostAt);
        var stillLost = Availability(await LocalStackApp.GetAsync(client, learning.Id))!.Value;
        Assert.Equal("Lost", stillLost.GetProperty("state").GetString());
        Assert.Equal(1, stillLost.GetProperty("incidents").GetInt32());
        Assert.True(stillLost.GetProperty("verifiedGateways").GetInt32() < stillLost.GetProperty("quorum").GetInt32());
        Assert.Single(await AlertEmailsAsync(learning.Cid));

        await documents.SaveDocumentAsync(learning.Cid, stored, CancellationToken.None);

        var back = await LocalStackApp.WaitForAsync(client, learning.Id, r => Availability(r) is { } a
            && a.GetProperty("state").GetString() is "Repinned" or "Available" && a.GetProperty("repinnedAt").ValueKind == JsonValueKind.String, Patience);
        Assert.Equal(1, back.GetProperty("availability").GetProperty("incidents").GetInt32());
        foreach (var node in stack.Endpoints.IpfsNodes)
        {
            Assert.Equal(stored, await Http.GetByteArrayAsync(new Uri(node.GatewayUrl, $"ipfs/{learning.Cid}?format=raw")));
        }

        Assert.Single(await AlertEmailsAsync(learning.Cid));
        Assert.Equal(new[] { $"availability:{learning.Cid}:1" }, await AlertKeysAsync(learning.Cid));
    }

    [Fact]
    public async Task A_learning_that_keeps_its_content_is_checked_every_round_without_alerts()
    {
        var (client, _) = await app.NewContributorAsync();
        var learning = await PublishAsync(client, "availability-steady");

        var first = await WaitForCheckAsync(client, learning.Id, after: null);
        var second = await WaitForCheckAsync(client, learning.Id, after: first);

        var availability = Availability(await LocalStackApp.GetAsync(client, learning.Id))!.Value;
        Assert.True(second > first);
        Assert.Equal("Available", availability.GetProperty("state").GetString());
        Assert.Equal(stack.Endpoints.IpfsNodes.Count, availability.GetProperty("verifiedGateways").GetInt32());
        Assert.All(availability.GetProperty("gateways").EnumerateArray(), g => Assert.Equal("Verified", g.GetProperty("outcome").GetString()));
        Assert.Equal(0, availability.GetProperty("incidents").GetInt32());
        Assert.Empty(await AlertEmailsAsync(learning.Cid));
    }

    [Fact]
    public async Task Turning_the_monitor_off_stops_it_and_turning_it_on_again_starts_a_new_one()
    {
        await using (var on = new SwitchedApp(enabled: true))
        {
            Assert.True(await MonitorAsync(on, m => m is { IsRunning: true }) is { IsRunning: true });
        }

        await using (var off = new SwitchedApp(enabled: false))
        {
            var stopped = await MonitorAsync(off, m => m?.RuntimeStatus == OrchestrationRuntimeStatus.Terminated);
            Assert.Equal(OrchestrationRuntimeStatus.Terminated, stopped?.RuntimeStatus);
        }

        await using var again = new SwitchedApp(enabled: true);
        Assert.True(await MonitorAsync(again, m => m is { IsRunning: true }) is { IsRunning: true });
    }

    /// <summary>The monitor instance of <paramref name="app"/>'s task hub once <paramref name="done"/> holds (the app is started first).</summary>
    private static async Task<OrchestrationMetadata?> MonitorAsync(LocalStackApp app, Func<OrchestrationMetadata?, bool> done)
    {
        using var client = app.CreateClient();
        var durable = app.Service<DurableTaskClient>();
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (true)
        {
            var monitor = await durable.GetInstanceAsync(Mining.Functions.Availability.AvailabilityMonitor.InstanceId, getInputsAndOutputs: true);
            if (done(monitor) || DateTime.UtcNow > deadline)
            {
                return monitor;
            }

            await Task.Delay(250);
        }
    }

    /// <summary>Submits a distinct learning, approves it through the API and waits until it is rewarded.</summary>
    private static async Task<(string Id, Cid Cid)> PublishAsync(HttpClient client, string tag)
    {
        var submitted = await LocalStackApp.SubmitAsync(client, LocalStackApp.Learning($"{tag} {Guid.NewGuid()}"));
        var id = submitted.GetProperty("id").GetString()!;
        using var approve = await client.PostAsync(new Uri($"/api/learnings/{id}/approve", UriKind.Relative), null);
        Assert.Equal(HttpStatusCode.OK, approve.StatusCode);
        await LocalStackApp.WaitForAsync(client, id, r => r.GetProperty("status").GetString() == "Rewarded", Patience);
        return (id, Cid.Parse(submitted.GetProperty("cid").GetString()!));
    }

    /// <summary>Waits for a check of the learning later than <paramref name="after"/> (any check when null); returns its time.</summary>
    private static async Task<DateTimeOffset> WaitForCheckAsync(HttpClient client, string id, DateTimeOffset? after)
    {
        var record = await LocalStackApp.WaitForAsync(client, id, r => Availability(r) is { } a
            && (after is null || a.GetProperty("lastCheckedAt").GetDateTimeOffset() > after), Patience);
        return record.GetProperty("availability").GetProperty("lastCheckedAt").GetDateTimeOffset();
    }

    private static JsonElement? Availability(JsonElement record) =>
        record.GetProperty("availability") is { ValueKind: JsonValueKind.Object } a ? a : null;

    /// <summary>
    /// Unpins the CID on node A, deletes node B's pin requests for it, and garbage-collects both nodes until neither
    /// holds a block of it (a gateway fetch in between may have copied it from the other node over bitswap).
    /// </summary>
    private async Task RemoveFromBothNodesAsync(Cid cid)
    {
        var (a, b) = (stack.Endpoints.IpfsNodes[0], stack.Endpoints.IpfsNodes[1]);
        await ClearBitswapLedgerAsync(a, b);
        if (await Kubo(a).IsPinnedAsync(cid))
        {
            await Kubo(a).PinRmAsync(cid);
        }

        var pinning = new PinningServiceClient(Http, new PinningServiceOptions { Name = b.Name, Endpoint = b.PinningUrl, AccessToken = b.PinningToken });
        var requests = await pinning.ListAsync(new PinListQuery
        {
            Cids = [cid], Statuses = [PinningStatus.Queued, PinningStatus.Pinning, PinningStatus.Pinned, PinningStatus.Failed],
        });
        Assert.NotEmpty(requests.Results);
        foreach (var request in requests.Results)
        {
            await pinning.RemoveAsync(request.RequestId);
        }

        Assert.False(await Kubo(b).IsPinnedAsync(cid));
        for (var attempt = 0; attempt < 10; attempt++)
        {
            await Kubo(a).RepoGcAsync();
            await Kubo(b).RepoGcAsync();
            if (await HeldAsync(a, cid) == HttpStatusCode.PreconditionFailed && await HeldAsync(b, cid) == HttpStatusCode.PreconditionFailed)
            {
                return;
            }
        }

        Assert.Fail($"{cid} was still in a node's store after garbage collection.");
    }

    /// <summary>
    /// Helia's bitswap (node A) keeps the entry of a block it sent to node B for a 5 s do-not-resend window and drops
    /// it only when B next asks for something; a want of the same block merged into that stale entry is lost, so B
    /// could never fetch the re-pinned block from A again. A real Kubo node has no such memory. B fetching one fresh
    /// block from A (after the window) clears the entry, as any other traffic between the nodes would.
    /// </summary>
    private static async Task ClearBitswapLedgerAsync(IpfsNodeEndpoints a, IpfsNodeEndpoints b)
    {
        await Task.Delay(TimeSpan.FromSeconds(6));
        var fresh = (await Kubo(a).AddAsync(new MemoryStream(Guid.NewGuid().ToByteArray()), new KuboAddOptions { Pin = false })).Cid;
        using var response = await Http.GetAsync(new Uri(b.GatewayUrl, $"ipfs/{fresh}?format=raw"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    /// <summary>The gateway's answer to <c>Cache-Control: only-if-cached</c>: 200 when the node holds the block, 412 when not.</summary>
    private static async Task<HttpStatusCode> HeldAsync(IpfsNodeEndpoints node, Cid cid)
    {
        using var probe = new HttpRequestMessage(HttpMethod.Head, new Uri(node.GatewayUrl, $"ipfs/{cid}?format=raw"));
        probe.Headers.CacheControl = new CacheControlHeaderValue { OnlyIfCached = true };
        using var response = await Http.SendAsync(probe);
        return response.StatusCode;
    }

    private static KuboClient Kubo(IpfsNodeEndpoints node) => new(Http, new KuboClientOptions { ApiUrl = node.RpcUrl });

    /// <summary>The operator alert emails in maildev about <paramref name="cid"/>.</summary>
    private async Task<List<JsonElement>> AlertEmailsAsync(Cid cid)
    {
        var emails = await Http.GetFromJsonAsync<JsonElement>(new Uri(stack.Endpoints.MailDevApiUrl, "api/email"));
        return [.. emails.EnumerateArray().Where(e => e.GetProperty("subject").GetString() is { } s
            && s.Contains(cid.ToString(), StringComparison.Ordinal) && s.Contains("lost its gateway quorum", StringComparison.Ordinal))];
    }

    /// <summary>The keys of the alerts <c>GET /api/alerts</c> lists for <paramref name="cid"/>.</summary>
    private async Task<List<string>> AlertKeysAsync(Cid cid)
    {
        using var client = app.OperatorClient();
        var alerts = await client.GetFromJsonAsync<JsonElement>(new Uri("/api/alerts", UriKind.Relative));
        return [.. alerts.GetProperty("items").EnumerateArray().Select(a => a.GetProperty("key").GetString()!)
            .Where(k => k.StartsWith($"availability:{cid}:", StringComparison.Ordinal))];
    }

    /// <summary>This test run's suffix of the task hubs below: a hub left by an earlier run is never reused.</summary>
    private static readonly string Run = Guid.NewGuid().ToString("N")[..10];

    /// <summary>An app on a task hub of its own (shared by the apps of this run) whose monitor is switched on or off.</summary>
    public sealed class SwitchedApp(bool enabled) : LocalStackApp
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureAppConfiguration((_, configuration) => configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Availability:Enabled"] = enabled ? "true" : "false",
                ["extensions:durableTask:hubName"] = "AvailabilitySwitch" + Run,
            }));
        }
    }

    /// <summary>The app with a monitor that checks every few seconds, on its own task hub (the monitor is a singleton per hub).</summary>
    public sealed class App : LocalStackApp
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureAppConfiguration((_, configuration) => configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Availability:CheckInterval"] = "00:00:05",

                // A lost CID is seen after one short request per gateway instead of three long ones.
                ["Ipfs:GatewayAttemptTimeout"] = "00:00:04",
                ["Ipfs:GatewayRetries"] = "0",
                ["extensions:durableTask:hubName"] = "AvailabilityTests" + Run,
            }));
        }
    }
}
