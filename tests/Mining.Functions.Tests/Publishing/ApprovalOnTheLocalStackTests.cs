using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Mining.Functions.ApprovalRequests;
using Mining.Testing;

namespace Mining.Functions.Tests.Publishing;

/// <summary>Approval rules on the real local stack: nothing is published without a valid, single-use decision.</summary>
[Collection("DevStack")]
public sealed class ApprovalOnTheLocalStackTests(DevStackFixture stack, LocalStackApp app) : IClassFixture<LocalStackApp>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    private LocalStackApp App { get; } = app;

    [Fact]
    public async Task The_same_content_submitted_twice_yields_one_learning()
    {
        var (client, _) = await App.NewContributorAsync();
        var learning = LocalStackApp.Learning(Guid.NewGuid().ToString());

        var first = await LocalStackApp.SubmitAsync(client, learning, 202);
        var second = await LocalStackApp.SubmitAsync(client, learning, 200);

        Assert.Equal(first.GetProperty("id").GetString(), second.GetProperty("id").GetString());
        Assert.Equal(first.GetProperty("cid").GetString(), second.GetProperty("cid").GetString());
        Assert.True(second.GetProperty("existing").GetBoolean());
        var list = await client.GetFromJsonAsync<JsonElement>(new Uri("/api/learnings", UriKind.Relative));
        Assert.Equal(1, list.GetProperty("items").GetArrayLength());
    }

    [Fact]
    public async Task Opening_the_approval_link_shows_the_exact_bytes_and_changes_nothing()
    {
        var (client, _) = await App.NewContributorAsync();
        var submitted = await LocalStackApp.SubmitAsync(client, LocalStackApp.Learning(Guid.NewGuid().ToString()));
        var (id, cid) = (submitted.GetProperty("id").GetString()!, submitted.GetProperty("cid").GetString()!);
        var path = await LocalStackApp.ApprovalPathAsync(stack, cid);
        using var anonymous = App.CreateClient();

        for (var i = 0; i < 2; i++)
        {
            using var page = await anonymous.GetAsync(new Uri(path, UriKind.Relative));
            var html = await page.Content.ReadAsStringAsync();
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
            Assert.Contains(cid, html, StringComparison.Ordinal);
            Assert.Equal("no-referrer", page.Headers.GetValues("Referrer-Policy").Single());
            Assert.Equal("DENY", page.Headers.GetValues("X-Frame-Options").Single());
            Assert.Contains("frame-ancestors 'none'", page.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        }

        var bytes = await App.Service<Mining.Functions.Storage.DocumentStore>().ReadDocumentAsync(Mining.Ipfs.Multiformats.Cid.Parse(cid), CancellationToken.None);
        Assert.Contains(WebUtility.HtmlEncode(System.Text.Encoding.UTF8.GetString(bytes!)), await (await anonymous.GetAsync(new Uri(path, UriKind.Relative))).Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await Task.Delay(1000);
        var record = await LocalStackApp.GetAsync(client, id);
        Assert.Equal("AwaitingApproval", record.GetProperty("status").GetString());
        Assert.Empty(record.GetProperty("pins").EnumerateArray());
    }

    [Fact]
    public async Task A_rejected_learning_publishes_nothing()
    {
        var (client, _) = await App.NewContributorAsync();
        var submitted = await LocalStackApp.SubmitAsync(client, LocalStackApp.Learning(Guid.NewGuid().ToString()));
        var (id, cid) = (submitted.GetProperty("id").GetString()!, submitted.GetProperty("cid").GetString()!);
        var path = await LocalStackApp.ApprovalPathAsync(stack, cid);

        using var reject = await PostDecisionAsync(path, "reject", cid);

        Assert.Equal(HttpStatusCode.OK, reject.StatusCode);
        var record = await LocalStackApp.WaitForAsync(client, id, r => r.GetProperty("status").GetString() == "Rejected", Patience);
        Assert.Empty(record.GetProperty("pins").EnumerateArray());
        Assert.Empty(record.GetProperty("gateways").EnumerateArray());
        Assert.Equal(JsonValueKind.Null, record.GetProperty("anchor").ValueKind);
    }

    [Fact]
    public async Task Without_a_decision_before_the_timeout_the_learning_expires_unpublished()
    {
        var (client, _) = await App.NewContributorAsync();
        var submitted = await LocalStackApp.SubmitAsync(client, LocalStackApp.Learning(Guid.NewGuid().ToString()));
        var id = submitted.GetProperty("id").GetString()!;

        var record = await LocalStackApp.WaitForAsync(client, id, r => r.GetProperty("status").GetString() == "Expired", Patience);

        Assert.Empty(record.GetProperty("pins").EnumerateArray());
        Assert.Contains("nothing was published", record.GetProperty("reason").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_forged_an_expired_or_a_reused_token_is_refused_and_nothing_is_published()
    {
        var (client, contributor) = await App.NewContributorAsync();
        var submitted = await LocalStackApp.SubmitAsync(client, LocalStackApp.Learning(Guid.NewGuid().ToString()));
        var (id, cid) = (submitted.GetProperty("id").GetString()!, submitted.GetProperty("cid").GetString()!);
        var path = await LocalStackApp.ApprovalPathAsync(stack, cid);

        var token = path["/approvals/".Length..];
        var forged = "/approvals/" + token[..^2] + (token[^2] == 'A' ? "BA" : "AA");
        using (var response = await PostDecisionAsync(forged, "approve", cid))
        {
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
            Assert.Contains("signature does not match", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        var expired = App.Service<ApprovalTokens>().Issue(id, contributor.Id, Mining.Ipfs.Multiformats.Cid.Parse(cid), DateTimeOffset.UtcNow.AddSeconds(-1));
        using (var response = await PostDecisionAsync("/approvals/" + expired, "approve", cid))
        {
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
            Assert.Contains("expired", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        using (var crossOrigin = await PostDecisionAsync(path, "approve", cid, origin: "http://evil.example"))
        {
            Assert.Equal(HttpStatusCode.Forbidden, crossOrigin.StatusCode);
        }

        Assert.Equal("AwaitingApproval", (await LocalStackApp.GetAsync(client, id)).GetProperty("status").GetString());

        using (var reject = await PostDecisionAsync(path, "reject", cid))
        {
            Assert.Equal(HttpStatusCode.OK, reject.StatusCode);
        }

        using (var reuse = await PostDecisionAsync(path, "approve", cid))
        {
            Assert.Equal(HttpStatusCode.Conflict, reuse.StatusCode);
        }

        var record = await LocalStackApp.WaitForAsync(client, id, r => r.GetProperty("status").GetString() == "Rejected", Patience);
        Assert.Empty(record.GetProperty("pins").EnumerateArray());
    }

    [Fact]
    public async Task A_decision_stored_before_the_orchestration_first_runs_comes_back_from_its_first_step()
    {
        // A local-only learning has a record and no orchestration, so nothing else runs the notification step meanwhile.
        var (client, contributor) = await App.NewContributorAsync(uploadsEnabled: false);
        var submitted = await LocalStackApp.SubmitAsync(client, LocalStackApp.Learning(Guid.NewGuid().ToString()));
        var (id, cid) = (submitted.GetProperty("id").GetString()!, Mining.Ipfs.Multiformats.Cid.Parse(submitted.GetProperty("cid").GetString()!));
        var stored = new ApprovalDecision(true, cid, DateTimeOffset.UtcNow, "api");
        await App.Service<ApprovalStore>().RecordAsync(id, stored, CancellationToken.None);
        var notify = ActivatorUtilities.CreateInstance<Mining.Functions.ApprovalRequests.NotifyContributor>(App.Services);

        var decision = await notify.RunAsync(null!, new Mining.Functions.Learnings.LearningRef(id, contributor.Id, cid));

        Assert.Equal(stored with { DecidedAt = decision!.DecidedAt }, decision);
        Assert.True(decision.Approved);
    }

    private async Task<HttpResponseMessage> PostDecisionAsync(string path, string decision, string cid, string? origin = null)
    {
        using var client = App.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(path, UriKind.Relative))
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["decision"] = decision, ["cid"] = cid }),
        };
        request.Headers.Add("Origin", origin ?? "http://localhost:7071");
        return await client.SendAsync(request);
    }
}
