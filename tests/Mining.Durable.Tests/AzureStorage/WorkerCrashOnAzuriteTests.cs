using Microsoft.Extensions.DependencyInjection;
using Mining.Durable.AzureStorage;
using Mining.Durable.Backend;
using Mining.Durable.Tests.Contract;
using Mining.Testing;

namespace Mining.Durable.Tests.AzureStorage;

/// <summary>Separate worker processes on one task hub in Azurite: sharing work, and kill -9 at the worst moments.</summary>
[Collection("DevStack")]
public sealed class WorkerCrashOnAzuriteTests(DevStackFixture stack) : IAsyncLifetime
{
    private readonly string _hub = "w" + Guid.NewGuid().ToString("N")[..16];
    private readonly string _markers = Directory.CreateTempSubdirectory("durable-markers-").FullName;
    private TestHost _client = null!;

    private DurableTaskClient Client => _client.Client;

    private IDurableBackend Backend => _client.Services.GetRequiredService<IDurableBackend>();

    public async Task InitializeAsync()
    {
        _client = await TestHost.StartAsync(_ => { }, b =>
        {
            b.RunWorker = false;
            b.Configure(o => o.StorageProvider.PartitionCount = 4);
            b.UseAzureStorage(o =>
            {
                o.ConnectionString = stack.Endpoints.AzuriteConnectionString;
                o.TaskHubName = _hub;
            });
        });
    }

    public async Task DisposeAsync()
    {
        var backend = (AzureStorageBackend)Backend;
        await _client.DisposeAsync();
        await backend.DeleteAsync(CancellationToken.None);
        Directory.Delete(_markers, recursive: true);
    }

    [Fact]
    public async Task Two_worker_processes_complete_500_orchestrations_with_none_lost_and_none_completed_twice()
    {
        await using var first = await WorkerProcess.StartAsync(stack.Endpoints.AzuriteConnectionString, _hub, _markers);
        await using var second = await WorkerProcess.StartAsync(stack.Endpoints.AzuriteConnectionString, _hub, _markers);
        var ids = Enumerable.Range(0, 500).Select(i => $"many-{i:D3}").ToList();
        await Parallel.ForEachAsync(ids, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (id, ct) =>
            await Client.ScheduleNewOrchestrationInstanceAsync("Chain", 1, new StartOrchestrationOptions(id), ct));

        var done = await HubAssertions.WaitForAllCompletedAsync(Client, "many-", 500, TimeSpan.FromMinutes(8));

        Assert.Equal(500, done.Count);
        await HubAssertions.AssertEachCompletedExactlyOnceAsync(Backend, ids);
        var pids = done.SelectMany(d => d.ReadOutputAs<int[]>()!).ToHashSet();
        Assert.Contains(first.Id, pids);
        Assert.Contains(second.Id, pids);
    }

    [Fact]
    public async Task After_kill_9_of_a_worker_during_an_activity_a_second_worker_runs_it_again_and_completes_every_instance()
    {
        var ids = Enumerable.Range(0, 4).Select(i => $"slow-{i}").ToList();
        await using (var doomed = await WorkerProcess.StartAsync(stack.Endpoints.AzuriteConnectionString, _hub, _markers))
        {
            foreach (var id in ids)
            {
                await Client.ScheduleNewOrchestrationInstanceAsync("SlowChain", 1, new StartOrchestrationOptions(id));
            }

            await WaitForMarkersAsync(doomed.Id, ids.Count);
            doomed.KillHard();
            await doomed.WaitForExitAsync(TimeSpan.FromSeconds(30));
        }

        await using var survivor = await WorkerProcess.StartAsync(stack.Endpoints.AzuriteConnectionString, _hub, _markers);
        var done = await HubAssertions.WaitForAllCompletedAsync(Client, "slow-", ids.Count, TimeSpan.FromMinutes(3));

        Assert.All(done, d => Assert.Equal(new[] { survivor.Id, survivor.Id }, d.ReadOutputAs<int[]>()!));
        await HubAssertions.AssertEachCompletedExactlyOnceAsync(Backend, ids);
    }

    [Fact]
    public async Task After_kill_9_between_an_episode_commit_and_its_dispatch_a_second_worker_completes_every_instance()
    {
        var ids = Enumerable.Range(0, 20).Select(i => $"commit-{i:D2}").ToList();
        await using (var doomed = await WorkerProcess.StartAsync(stack.Endpoints.AzuriteConnectionString, _hub, _markers, crashAfterCommits: 5))
        {
            foreach (var id in ids)
            {
                await Client.ScheduleNewOrchestrationInstanceAsync("Chain", 1, new StartOrchestrationOptions(id));
            }

            await doomed.WaitForExitAsync(TimeSpan.FromMinutes(1));
            Assert.Contains("crashing after commit", doomed.Output, StringComparison.Ordinal);
        }

        await using var survivor = await WorkerProcess.StartAsync(stack.Endpoints.AzuriteConnectionString, _hub, _markers);
        var done = await HubAssertions.WaitForAllCompletedAsync(Client, "commit-", ids.Count, TimeSpan.FromMinutes(3));

        Assert.Equal(ids.Count, done.Count);
        await HubAssertions.AssertEachCompletedExactlyOnceAsync(Backend, ids);
    }

    private async Task WaitForMarkersAsync(int pid, int count)
    {
        using var limit = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        while (Directory.GetFiles(_markers, $"*-{pid}.started").Length < count)
        {
            await Task.Delay(100, limit.Token);
        }
    }
}
