using System.Collections.Concurrent;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Mining.Functions.Benchmarks;

/// <summary>One learning as the benchmark saw it.</summary>
internal sealed class Tracked(int index, string id, string cid)
{
    public int Index { get; } = index;
    public string Id { get; } = id;
    public string Cid { get; } = cid;
    public DateTimeOffset SubmittedAt { get; set; }
    public DateTimeOffset ApprovedAt { get; set; }
    public string Status { get; set; } = "AwaitingApproval";
    public DateTimeOffset? RewardedAt { get; set; }
    public string? BatchId { get; set; }
    public string? TransactionHash { get; set; }
    public long? BlockNumber { get; set; }

    /// <summary>Why the learning ended Failed, Rejected or Expired; null while it is on its way.</summary>
    public string? Reason { get; set; }
}

/// <summary>Drives the app over HTTP: a contributor, N distinct learnings, their approvals, and polling until rewarded.</summary>
internal sealed class PipelineRun(HttpClient api, BenchOptions options)
{
    private static readonly string[] Terminal = ["Failed", "Rejected", "Expired"];

    public List<Tracked> Learnings { get; } = [];

    public async Task CreateContributorAsync(string operatorKey, string rewardAddress, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("api/contributors", UriKind.Relative))
        {
            Content = JsonContent.Create(new { name = "Benchmark contributor", email = "bench@mining.local", rewardAddress }),
        };
        request.Headers.Add("X-Api-Key", operatorKey);
        using var response = await api.SendAsync(request, cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"Creating the contributor failed: {(int)response.StatusCode} {body}");
        }

        var json = JsonNode.Parse(body)!;
        api.DefaultRequestHeaders.Add("X-Api-Key", json["apiKey"]!.GetValue<string>());

        // Uploads are opt-in per contributor (off by default: learnings would stay LocalOnly); each learning is still approved.
        using var optIn = await api.PutAsJsonAsync(new Uri("api/settings", UriKind.Relative), new { uploadsEnabled = true }, cancellationToken);
        if (!optIn.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"Opting in to uploads (PUT /api/settings) failed: {(int)optIn.StatusCode} {await optIn.Content.ReadAsStringAsync(cancellationToken)}");
        }
    }

    /// <summary>Submits N distinct learnings (the samples with a numbered title and body) with bounded concurrency.</summary>
    public async Task SubmitAsync(IReadOnlyList<JsonObject> samples, string runTag, CancellationToken cancellationToken)
    {
        var results = new ConcurrentBag<Tracked>();
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = options.Concurrency, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(Enumerable.Range(0, options.Learnings), parallel, async (i, ct) =>
        {
            var learning = (JsonObject)samples[i % samples.Count].DeepClone();
            learning["title"] = $"{learning["title"]!.GetValue<string>()} (benchmark {runTag} #{i})";
            learning["body"] = $"{learning["body"]!.GetValue<string>()}\nBenchmark run {runTag}, learning {i}.\n";
            using var content = new StringContent(learning.ToJsonString(), System.Text.Encoding.UTF8, "application/json");
            using var response = await api.PostAsync(new Uri("api/learnings", UriKind.Relative), content, ct);
            var body = await response.Content.ReadAsStringAsync(ct);
            if ((int)response.StatusCode != 202)
            {
                throw new InvalidOperationException($"Submitting learning {i} returned {(int)response.StatusCode} (expected 202 for a new learning): {body}");
            }

            var json = JsonNode.Parse(body)!;
            if (json["status"]?.GetValue<string>() is { } status && status != "AwaitingApproval")
            {
                throw new InvalidOperationException($"Learning {i} was accepted as {status}, not AwaitingApproval: {body}");
            }

            results.Add(new Tracked(i, json["id"]!.GetValue<string>(), json["cid"]!.GetValue<string>()) { SubmittedAt = DateTimeOffset.UtcNow });
        });
        Learnings.AddRange(results.OrderBy(t => t.Index));
    }

    /// <summary>
    /// Approves every learning through <c>POST /api/learnings/{id}/approve</c>; the approval time is when the API answered.
    /// With an approval rate, the i-th approval is not sent before i / rate seconds after the first.
    /// </summary>
    public async Task ApproveAsync(CancellationToken cancellationToken)
    {
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = options.Concurrency, CancellationToken = cancellationToken };
        var start = DateTimeOffset.UtcNow;
        await Parallel.ForEachAsync(Learnings.Select((learning, index) => (learning, index)), parallel, async (item, ct) =>
        {
            var learning = item.learning;
            if (options.ApprovalRate > 0 && start + TimeSpan.FromSeconds(item.index / options.ApprovalRate) - DateTimeOffset.UtcNow is { Ticks: > 0 } wait)
            {
                await Task.Delay(wait, ct);
            }

            for (var attempt = 1; ; attempt++)
            {
                using var response = await api.PostAsync(new Uri($"api/learnings/{learning.Id}/approve", UriKind.Relative), null, ct);
                if (response.IsSuccessStatusCode)
                {
                    learning.ApprovedAt = DateTimeOffset.UtcNow;
                    return;
                }

                if (attempt == 3)
                {
                    throw new InvalidOperationException(
                        $"Approving {learning.Id} returned {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(ct)}");
                }

                await Task.Delay(500, ct);
            }
        });
    }

    /// <summary>
    /// Lists the contributor's learnings (pages of 50) every <paramref name="interval"/> until each is Rewarded or ended
    /// (Failed, Rejected, Expired: reported, not waited for); records when each status was first seen and the Rewarded
    /// record's <c>updatedAt</c>. Throws <see cref="TimeoutException"/> when <see cref="BenchOptions.Timeout"/> passes.
    /// </summary>
    public async Task PollUntilRewardedAsync(TimeSpan interval, Action<string> progress, CancellationToken cancellationToken)
    {
        var byId = Learnings.ToDictionary(l => l.Id);
        var deadline = DateTimeOffset.UtcNow + options.Timeout;
        var lastReport = DateTimeOffset.MinValue;
        while (true)
        {
            string? continuation = null;
            do
            {
                var url = "api/learnings" + (continuation is null ? string.Empty : "?continuation=" + Uri.EscapeDataString(continuation));
                var page = await api.GetFromJsonAsync<JsonElement>(new Uri(url, UriKind.Relative), cancellationToken);
                foreach (var item in page.GetProperty("items").EnumerateArray())
                {
                    if (!byId.TryGetValue(item.GetProperty("id").GetString()!, out var learning))
                    {
                        continue;
                    }

                    var status = item.GetProperty("status").GetString()!;
                    learning.Status = status;
                    if (Terminal.Contains(status) && learning.Reason is null)
                    {
                        learning.Reason = item.TryGetProperty("reason", out var r) ? r.GetString() ?? status : status;
                        progress($"learning {learning.Id} (#{learning.Index}) ended as {status}: {learning.Reason}");
                    }

                    if (status == "Rewarded" && learning.RewardedAt is null)
                    {
                        learning.RewardedAt = item.GetProperty("updatedAt").GetDateTimeOffset();
                        var anchor = item.GetProperty("anchor");
                        learning.BatchId = anchor.GetProperty("batchId").GetString();
                        learning.TransactionHash = anchor.GetProperty("transactionHash").GetString();
                        learning.BlockNumber = anchor.GetProperty("blockNumber").GetInt64();
                    }
                }

                continuation = page.TryGetProperty("continuation", out var c) && c.ValueKind == JsonValueKind.String ? c.GetString() : null;
            }
            while (continuation is not null);

            if (Learnings.All(l => l.RewardedAt is not null || l.Reason is not null))
            {
                return;
            }

            var now = DateTimeOffset.UtcNow;
            if (now - lastReport >= TimeSpan.FromSeconds(10))
            {
                lastReport = now;
                progress(string.Join(", ", Learnings.GroupBy(l => l.Status).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Key} {g.Count()}")));
            }

            if (now > deadline)
            {
                throw new TimeoutException(
                    $"Not every learning was rewarded within {options.Timeout.TotalMinutes:0.#} minutes of the approvals: "
                    + string.Join(", ", Learnings.GroupBy(l => l.Status).Select(g => $"{g.Count()} {g.Key}")) + ". Not rewarded: "
                    + string.Join(", ", Learnings.Where(l => l.RewardedAt is null).Take(20).Select(l => $"{l.Id} ({l.Status})")) + ".");
            }

            await Task.Delay(interval, cancellationToken);
        }
    }
}
