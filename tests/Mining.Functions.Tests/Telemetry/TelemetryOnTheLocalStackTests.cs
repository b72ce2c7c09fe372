using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Mining.Ethereum.Signing;
using Mining.Functions.Telemetry;
using Mining.Functions.Tests.Publishing;
using Mining.Testing;

namespace Mining.Functions.Tests.Telemetry;

/// <summary>
/// The local host as a process on the real local stack (Azurite, anvil, both Helia nodes, maildev) with
/// <c>Telemetry__Exporter=console</c>: one learning submitted, approved through its emailed page and followed to Rewarded;
/// then the host is stopped (which flushes the exporters) and its standard output is read for the spans and metrics.
/// </summary>
[Collection("DevStack")]
public sealed partial class TelemetryOnTheLocalStackTests(DevStackFixture stack)
{
    [Fact]
    public async Task The_console_exporter_shows_a_learning_from_request_through_orchestration_to_ipfs_and_chain_without_secrets()
    {
        var operatorKey = "op_" + Guid.NewGuid().ToString("N");
        await using var host = LocalHostProcess.Start(
            new Dictionary<string, string>
            {
                ["Telemetry:Exporter"] = "console",
                ["OTEL_METRIC_EXPORT_INTERVAL"] = "2000",
                ["Operator:ApiKey"] = operatorKey,
                ["Publishing:BatchWindow"] = "00:00:02",
            },
            "telemetry");
        string apiKey, approvalToken, id, cid;
        try
        {
            using var api = host.Client();
            await host.WaitUntilReadyAsync(TimeSpan.FromMinutes(2));
            apiKey = await NewContributorAsync(api, operatorKey);
            api.DefaultRequestHeaders.Add("X-Api-Key", apiKey);
            using (var optIn = await api.PutAsJsonAsync(new Uri("/api/settings", UriKind.Relative), new { uploadsEnabled = true }))
            {
                optIn.EnsureSuccessStatusCode();
            }

            var submitted = await LocalStackApp.SubmitAsync(api, LocalStackApp.Learning("telemetry " + Guid.NewGuid().ToString("N")));
            id = submitted.GetProperty("id").GetString()!;
            cid = submitted.GetProperty("cid").GetString()!;
            var approvalPath = await LocalStackApp.ApprovalPathAsync(stack, cid);
            approvalToken = approvalPath.Split('/')[^1];
            await ApproveThroughThePageAsync(api, approvalPath, cid);
            var final = await LocalStackApp.WaitForAsync(
                api, id, r => r.GetProperty("status").GetString() is "Rewarded" or "DeadLettered" or "Failed", TimeSpan.FromSeconds(90));
            Assert.Equal("Rewarded", final.GetProperty("status").GetString());

            // The orchestration's span is exported when it completes, just after the learning shows Rewarded.
            await WaitForOutputAsync(host, $"the span of orchestration {id}", text => Spans(text).Any(b =>
                b.Contains("Activity.DisplayName:        orchestration:PublishLearning", StringComparison.Ordinal)
                && b.Contains($"durabletask.task.instance_id: {id}", StringComparison.Ordinal)));
        }
        finally
        {
            // SIGTERM, so the exporters flush what they hold.
            await host.StopAsync(TimeSpan.FromSeconds(60));
        }

        var text = host.Output;
        Assert.True(host.ExitCode == 0, $"exit {host.ExitCode}\n{host.Tail(300)}");

        // One trace: the request, the orchestration, each activity as scheduled (Client) and as run (Server) by the Durable
        // Task Framework, the service's span around the outward call with the learning id and CID, the HTTP call itself.
        var spans = Spans(text);
        var submit = Single(spans, "POST /api/learnings/", "url.path: /api/learnings/");
        var orchestration = Single(spans, "orchestration:PublishLearning", $"durabletask.task.instance_id: {id}");
        Assert.Equal(Field(submit, "TraceId"), Field(orchestration, "TraceId"));
        // Publishing is one activity; a gateway that does not serve the content yet makes it run again (a retry), so
        // each of its runs is checked: scheduled by the orchestration, pinning under it, the Kubo call under the pin.
        var scheduled = All(spans, "activity:PublishContent", $"durabletask.task.instance_id: {id}", "Activity.Kind:               Client");
        Assert.All(scheduled, s => Assert.Equal(Field(orchestration, "SpanId"), Field(s, "ParentSpanId")));
        var publishing = All(spans, "activity:PublishContent", $"durabletask.task.instance_id: {id}", "Activity.Kind:               Server");
        Assert.All(publishing, p => Assert.Contains(Field(p, "ParentSpanId"), scheduled.Select(s => Field(s, "SpanId"))));
        var pin = All(spans, MiningTelemetry.Spans.Pin, $"{MiningTelemetry.Attributes.LearningId}: {id}", "mining.pin.target: kubo:")[0];
        Assert.Contains($"{MiningTelemetry.Attributes.Cid}: {cid}", pin, StringComparison.Ordinal);
        Assert.Contains(Field(pin, "ParentSpanId"), publishing.Select(p => Field(p, "SpanId")));
        var add = Single(spans, "POST", "/api/v0/add", $"Activity.ParentSpanId:       {Field(pin, "SpanId")}");
        Assert.Matches(@"url\.full: http://127\.0\.0\.1:\d+/api/v0/add\r?\n", add);
        foreach (var gateway in stack.Endpoints.IpfsNodes.Select(n => n.GatewayUrl.GetLeftPart(UriPartial.Authority)))
        {
            // A gateway may not serve the content yet on the first try: the verification is then retried.
            Assert.Contains(spans, b => b.Contains($"Activity.DisplayName:        {MiningTelemetry.Spans.Verify}", StringComparison.Ordinal)
                && b.Contains($"Activity.TraceId:            {Field(submit, "TraceId")}", StringComparison.Ordinal)
                && b.Contains($"{MiningTelemetry.Attributes.LearningId}: {id}", StringComparison.Ordinal)
                && b.Contains($"{MiningTelemetry.Attributes.Cid}: {cid}", StringComparison.Ordinal)
                && b.Contains($"{MiningTelemetry.Attributes.Gateway}: {gateway}\n", StringComparison.Ordinal)
                && b.Contains($"{MiningTelemetry.Attributes.Outcome}: Verified", StringComparison.Ordinal));
        }

        // The batch: its own trace from the collector's start of it, the anchor transaction's JSON-RPC calls under the span
        // that names the learning and its CID (the RPC URL's path withheld: a provider's may hold an API key).
        var send = Single(spans, MiningTelemetry.Spans.AnchorSend, id);
        Assert.Contains(cid, send, StringComparison.Ordinal);
        Assert.Matches(@"mining\.tx\.hash: 0x[0-9a-f]{64}", send);
        var rpc = spans.Where(b => b.Contains($"Activity.ParentSpanId:       {Field(send, "SpanId")}", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(rpc);
        Assert.All(rpc, call => Assert.Matches(@"Activity\.Kind:\s+Client\r?\n(.*\r?\n)*\s+url\.full: http://127\.0\.0\.1:\d+/REDACTED\r?\n", call));
        Assert.Contains(spans, b => b.Contains("Activity.DisplayName:        orchestration:AnchorBatch", StringComparison.Ordinal)
            && b.Contains($"Activity.TraceId:            {Field(send, "TraceId")}", StringComparison.Ordinal));
        Assert.Contains(spans, b => b.Contains(MiningTelemetry.Spans.AnchorCheck, StringComparison.Ordinal) && b.Contains("mining.tx.confirmations: ", StringComparison.Ordinal));

        // The approval page's route, never its token.
        Assert.Contains("url.path: /approvals/{token}", text, StringComparison.Ordinal);

        // Metrics.
        foreach (var metric in new[]
        {
            MiningTelemetry.Metrics.StageTransitions, MiningTelemetry.Metrics.PinDuration, MiningTelemetry.Metrics.GatewayDuration,
            MiningTelemetry.Metrics.BatchGasUsed, MiningTelemetry.Metrics.BatchFee, MiningTelemetry.Metrics.ConfirmationDuration,
        })
        {
            Assert.Contains($"Metric Name: {metric}", text, StringComparison.Ordinal);
        }

        // No secret: neither API key, nor the approval link's token, nor a pinning service's access token.
        Assert.DoesNotContain(apiKey, text, StringComparison.Ordinal);
        Assert.DoesNotContain(operatorKey, text, StringComparison.Ordinal);
        Assert.DoesNotContain(approvalToken, text, StringComparison.Ordinal);
        Assert.All(stack.Endpoints.IpfsNodes, n => Assert.DoesNotContain(n.PinningToken, text, StringComparison.Ordinal));
    }

    private static async Task<string> NewContributorAsync(HttpClient api, string operatorKey)
    {
        using var wallet = PrivateKeySigner.CreateRandom();
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/api/contributors", UriKind.Relative))
        {
            Content = JsonContent.Create(new { name = "Telemetry test", email = "telemetry@mining.local", rewardAddress = wallet.Address.ToString() }),
        };
        request.Headers.Add("X-Api-Key", operatorKey);
        using var response = await api.SendAsync(request);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {body}");
        return body.GetProperty("apiKey").GetString()!;
    }

    private static async Task ApproveThroughThePageAsync(HttpClient api, string approvalPath, string cid)
    {
        using (var page = await api.GetAsync(new Uri(approvalPath, UriKind.Relative)))
        {
            page.EnsureSuccessStatusCode();
        }

        using var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["decision"] = "approve", ["cid"] = cid });
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(approvalPath, UriKind.Relative)) { Content = form };
        request.Headers.Add("Origin", api.BaseAddress!.GetLeftPart(UriPartial.Authority));
        using var decision = await api.SendAsync(request);
        decision.EnsureSuccessStatusCode();
    }

    /// <summary>The one span block named <paramref name="name"/> that holds every one of <paramref name="holding"/>.</summary>
    private static string Single(List<string> spans, string name, params string[] holding)
    {
        var found = Named(spans, name, holding);
        Assert.True(found.Count == 1, $"{found.Count} spans named {name} hold {string.Join(", ", holding)}; expected one.\n{string.Join("\n", found)}");
        return found[0];
    }

    /// <summary>Every span named <paramref name="name"/> holding all of <paramref name="holding"/>; at least one.</summary>
    private static List<string> All(List<string> spans, string name, params string[] holding)
    {
        var found = Named(spans, name, holding);
        Assert.True(found.Count > 0, $"No span named {name} holds {string.Join(", ", holding)}.");
        return found;
    }

    private static List<string> Named(List<string> spans, string name, string[] holding) => spans.Where(b =>
        Regex.IsMatch(b, $@"^Activity\.DisplayName:\s+{Regex.Escape(name)}\r?$", RegexOptions.Multiline)
        && holding.All(h => b.Contains(h, StringComparison.Ordinal))).ToList();

    /// <summary>A field of a span block, such as its <c>SpanId</c> or <c>ParentSpanId</c>.</summary>
    private static string Field(string span, string name)
    {
        var match = Regex.Match(span, $@"^Activity\.{name}:\s+(\S+)\r?$", RegexOptions.Multiline);
        Assert.True(match.Success, $"The span has no {name}:\n{span}");
        return match.Groups[1].Value;
    }

    private static async Task WaitForOutputAsync(LocalHostProcess host, string what, Func<string, bool> done)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (!done(host.Output))
        {
            Assert.False(host.HasExited, $"The host stopped:\n{host.Tail(300)}");
            Assert.True(DateTime.UtcNow < deadline, $"The output never held {what}:\n{host.Tail(300)}");
            await Task.Delay(250);
        }
    }

    /// <summary>The console exporter's span blocks: from an <c>Activity.TraceId</c> line to the next empty line.</summary>
    private static List<string> Spans(string text) =>
        [.. SpanBlock().Matches(text).Select(m => m.Value.Replace("\r\n", "\n", StringComparison.Ordinal))];

    [GeneratedRegex(@"^Activity\.TraceId:.*?(?=^\r?$|\z)", RegexOptions.Multiline | RegexOptions.Singleline)]
    private static partial Regex SpanBlock();
}
