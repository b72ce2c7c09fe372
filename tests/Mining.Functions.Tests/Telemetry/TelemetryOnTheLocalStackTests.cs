using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text;
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
        var port = FreePort();
        var operatorKey = "op_" + Guid.NewGuid().ToString("N");
        var output = new StringBuilder();
        using var host = StartHost(port, operatorKey, output);
        string apiKey, approvalToken, id, cid;
        try
        {
            using var api = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
            await WaitUntilServingAsync(api, host, output);
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
            await LocalStackApp.WaitForAsync(api, id, r => r.GetProperty("status").GetString() is "Rewarded" or "DeadLettered" or "Failed", TimeSpan.FromSeconds(90));
        }
        finally
        {
            await StopAsync(host);
        }

        var text = Captured(output);
        Assert.True(host.ExitCode == 0, $"exit {host.ExitCode}\n{Tail(text)}");

        // Traces: the request, the orchestration and its activities (the Durable Task Framework's spans), the service's
        // own spans around the outward calls with the learning id and CID, and the outgoing HTTP calls themselves.
        Assert.Matches(@"Activity\.DisplayName:\s+POST /api/learnings\b", text);
        Assert.Matches(@"Activity\.DisplayName:\s+orchestration:PublishLearning\b", text);
        Assert.Matches(@"Activity\.DisplayName:\s+activity:PinContent\b", text);
        Assert.Matches(@"Activity\.DisplayName:\s+activity:VerifyOnGateways\b", text);
        var pin = Span(text, MiningTelemetry.Spans.Pin, id);
        Assert.Contains($"{MiningTelemetry.Attributes.LearningId}: {id}", pin, StringComparison.Ordinal);
        Assert.Contains($"{MiningTelemetry.Attributes.Cid}: {cid}", pin, StringComparison.Ordinal);
        Assert.Contains($"{MiningTelemetry.Attributes.Cid}: {cid}", Span(text, MiningTelemetry.Spans.Verify, id), StringComparison.Ordinal);
        Assert.Contains(cid, Span(text, MiningTelemetry.Spans.AnchorSend, id), StringComparison.Ordinal);
        Assert.Matches(@"url\.full: http://127\.0\.0\.1:\d+/api/v0/add", text);
        Assert.Matches(@"url\.full: http://127\.0\.0\.1:\d+/REDACTED", text); // the JSON-RPC endpoint, path withheld
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

        // No secret: neither API key nor the approval link's token.
        Assert.DoesNotContain(apiKey, text, StringComparison.Ordinal);
        Assert.DoesNotContain(operatorKey, text, StringComparison.Ordinal);
        Assert.DoesNotContain(approvalToken, text, StringComparison.Ordinal);
    }

    private static Process StartHost(int port, string operatorKey, StringBuilder output)
    {
        var app = Path.Combine(AppContext.BaseDirectory, "Mining.Functions.LocalHost.dll");
        var info = new ProcessStartInfo("dotnet", [app, "--urls", $"http://127.0.0.1:{port}", "--PublicBaseUrl", $"http://127.0.0.1:{port}"])
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        info.Environment["Telemetry__Exporter"] = "console";
        info.Environment["OTEL_METRIC_EXPORT_INTERVAL"] = "2000";
        info.Environment["Operator__ApiKey"] = operatorKey;
        info.Environment["Publishing__BatchWindow"] = "00:00:02";
        var process = new Process { StartInfo = info };
        process.OutputDataReceived += (_, e) => Append(output, e.Data);
        process.ErrorDataReceived += (_, e) => Append(output, e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static async Task WaitUntilServingAsync(HttpClient api, Process host, StringBuilder output)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(120);
        while (true)
        {
            Assert.False(host.HasExited, $"The host stopped before serving:\n{Tail(Captured(output))}");
            try
            {
                using var response = await api.GetAsync(new Uri("/healthz", UriKind.Relative));
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }

            Assert.True(DateTime.UtcNow < deadline, $"The host did not serve within 2 minutes:\n{Tail(Captured(output))}");
            await Task.Delay(250);
        }
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

    /// <summary>Stops the host as a terminal or a service manager would (SIGTERM), so the exporters flush what they hold.</summary>
    private static async Task StopAsync(Process host)
    {
        if (host.HasExited)
        {
            return;
        }

        using (var kill = Process.Start("kill", ["-TERM", host.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await host.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            host.Kill(entireProcessTree: true);
            await host.WaitForExitAsync();
        }
    }

    /// <summary>The console exporter's block for the first span named <paramref name="name"/> that mentions <paramref name="learningId"/>.</summary>
    private static string Span(string text, string name, string learningId)
    {
        var block = SpanBlocks().Split(text).FirstOrDefault(b =>
            Regex.IsMatch(b, $@"^Activity\.DisplayName:\s+{Regex.Escape(name)}\s*$", RegexOptions.Multiline) && b.Contains(learningId, StringComparison.Ordinal));
        Assert.True(block is not null, $"No {name} span mentions learning {learningId}.\n{Tail(text)}");
        return block;
    }

    private static void Append(StringBuilder output, string? line)
    {
        if (line is not null)
        {
            lock (output)
            {
                output.AppendLine(line);
            }
        }
    }

    private static string Captured(StringBuilder output)
    {
        lock (output)
        {
            return output.ToString();
        }
    }

    private static string Tail(string text) => text.Length <= 20_000 ? text : text[^20_000..];

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    [GeneratedRegex(@"(?=^Activity\.TraceId:)", RegexOptions.Multiline)]
    private static partial Regex SpanBlocks();
}
