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

        var learnings = await hosts.SubmitAndApproveAsync(Learnings, contributors: 2, both);

        await hosts.AssertSettledAsync(both[0], learnings);
        var ids = learnings.Select(l => l.LearningId).ToHashSet(StringComparer.Ordinal);
        var pinnedBy = both.ToDictionary(h => h.Name, h => Pinned().Matches(h.Output).Select(m => m.Groups["id"].Value).Where(ids.Contains).ToHashSet());
        foreach (var host in both)
        {
            // Which host takes which work item is the backend's choice; both must take part in the pipeline's activities.
            Assert.True(Activity().IsMatch(host.Output), $"The {host.Name} host ran no activity of the pipeline.\n{host.Tail()}");
        }

        Assert.Equal(ids.Order(), pinnedBy.Values.SelectMany(p => p).Distinct().Order());
    }

    [GeneratedRegex(@"Pinned learning (?<id>\S+) \(CID")]
    private static partial Regex Pinned();

    [GeneratedRegex(@"info: Mining\.Functions\.Publishing\.Activities\.")]
    private static partial Regex Activity();
}
