using Microsoft.Extensions.DependencyInjection;
using Mining.Durable.Backend;
using Mining.Durable.Tests.Contract;

namespace Mining.Durable.Tests.AzureStorage;

/// <summary>A worker keeps going when Azurite (a private instance) stops mid-run and comes back.</summary>
public sealed class AzuriteRestartTests
{
    [Fact]
    public async Task When_Azurite_restarts_mid_run_every_instance_completes_after_it_returns()
    {
        await using var azurite = new PrivateAzurite();
        await azurite.StartAsync();
        var probe = new Probe();
        await using var host = await TestHost.StartAsync(s => s.AddSingleton(probe), b =>
        {
            TestOrchestrations.Register(b, probe, TimeProvider.System);
            b.Configure(o =>
            {
                o.StorageProvider.PartitionCount = 2;
                o.StorageProvider.MaxQueuePollingInterval = TimeSpan.FromMilliseconds(200);
                o.StorageProvider.ControlQueueVisibilityTimeout = TimeSpan.FromSeconds(5);
                o.StorageProvider.WorkItemQueueVisibilityTimeout = TimeSpan.FromSeconds(5);
            });
            b.UseAzureStorage(o =>
            {
                o.ConnectionString = azurite.ConnectionString;
                o.TaskHubName = "restart";
            });
        });
        var ids = Enumerable.Range(0, 40).Select(i => $"r-{i:D2}").ToList();
        foreach (var id in ids)
        {
            await host.Client.ScheduleNewOrchestrationInstanceAsync("Sequence", new[] { "a", "b", "c", "d", "e" }, new StartOrchestrationOptions(id));
        }

        await HubAssertions.WaitForAllCompletedAsync(host.Client, "r-", 3, TimeSpan.FromMinutes(2));
        await azurite.StopAsync();
        await Task.Delay(TimeSpan.FromSeconds(3));
        await azurite.StartAsync();

        var done = await HubAssertions.WaitForAllCompletedAsync(host.Client, "r-", ids.Count, TimeSpan.FromMinutes(4));

        Assert.All(done, d => Assert.Equal("Hello a, Hello b, Hello c, Hello d, Hello e", d.ReadOutputAs<string>()));
        await HubAssertions.AssertEachCompletedExactlyOnceAsync(host.Services.GetRequiredService<IDurableBackend>(), ids);
    }
}
