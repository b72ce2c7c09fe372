using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Mining.Testing;

namespace Mining.Functions.Tests.Resilience;

/// <summary>
/// Two local host processes on one storage account and task hub (the self-hosted scale-out path: the Azure Storage
/// backend spreads the hub's partitions over them with leases, and both take activities from the hub's work-item
/// queue), on the real local stack with a private anvil, both started at once on a chain without contracts yet.
/// </summary>
[Collection("DevStack")]
public sealed partial class ScaleOutOnTheLocalStackTests(DevStackFixture stack)
{
    private const int Learnings = 12;

    [Fact]
    public async Task Two_hosts_on_one_task_hub_share_twelve_learnings_and_complete_each_exactly_once()
    {
        await using var hosts = await HostsOnAPrivateChain.CreateAsync(stack, "ScaleOut");
        hosts.Settings["Publishing:BatchSize"] = "4";
        var both = await Task.WhenAll(hosts.StartHostAsync("first"), hosts.StartHostAsync("second"));

        // The backend spreads the hub's partitions over the hosts with leases; the work starts once each host listens on one.
        foreach (var host in both)
        {
            await WaitForAsync(() => Listening().IsMatch(host.Output), TimeSpan.FromMinutes(3), $"The {host.Name} host never got a partition of the task hub.\n{host.Tail()}");
        }

        var learnings = await hosts.SubmitAndApproveAsync(Learnings, contributors: 2, both);

        await hosts.AssertSettledAsync(both[0], learnings);
        var ids = learnings.Select(l => l.LearningId).ToHashSet(StringComparer.Ordinal);
        var pinnedBy = both.ToDictionary(h => h.Name, h => Pinned().Matches(h.Output).Select(m => m.Groups["id"].Value).Where(ids.Contains).ToHashSet());
        foreach (var host in both)
        {
            // Which host runs which episode or activity is the backend's choice; each host's engine must have run some of the pipeline's.
            var work = await PipelineWorkAsync(host, hosts.Settings["Operator:ApiKey"]);
            Assert.True(work > 0, $"The {host.Name} host ran no orchestration episode or activity of the pipeline.\n{host.Tail()}");
        }

        Assert.Equal(ids.Order(), pinnedBy.Values.SelectMany(p => p).Distinct().Order());
    }

    /// <summary>The PublishLearning episodes and the activity calls the host's engine ran (its <c>engineWork</c> metrics).</summary>
    private static async Task<long> PipelineWorkAsync(LocalHostProcess host, string operatorKey)
    {
        using var client = host.Client(operatorKey);
        var work = (await client.GetFromJsonAsync<JsonElement>(new Uri("/api/operator/metrics", UriKind.Relative))).GetProperty("engineWork");
        var episodes = work.GetProperty("episodes").TryGetProperty("PublishLearning", out var count) ? count.GetInt64() : 0;
        return episodes + work.GetProperty("activityCalls").EnumerateObject().Sum(a => a.Value.GetInt64());
    }

    private static async Task WaitForAsync(Func<bool> done, TimeSpan within, string failure)
    {
        var deadline = DateTime.UtcNow + within;
        while (!done())
        {
            Assert.True(DateTime.UtcNow < deadline, failure);
            await Task.Delay(250);
        }
    }

    [GeneratedRegex(@"Started listening for messages on queue")]
    private static partial Regex Listening();

    [GeneratedRegex(@"Pinned learning (?<id>\S+) \(CID")]
    private static partial Regex Pinned();

}
