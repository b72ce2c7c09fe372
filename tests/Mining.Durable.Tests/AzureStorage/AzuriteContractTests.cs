using Microsoft.Extensions.DependencyInjection;
using Mining.Durable.AzureStorage;
using Mining.Durable.Tests.Contract;
using Mining.Testing;

namespace Mining.Durable.Tests.AzureStorage;

/// <summary>The contract suite on Azure Storage as emulated by Azurite, in real time (timer unit: one second).</summary>
[Collection("DevStack")]
public class AzuriteContractTests(DevStackFixture stack) : DurableContractTests
{
    private readonly string _hub = "t" + Guid.NewGuid().ToString("N")[..16];

    protected override TimeSpan Unit => TimeSpan.FromSeconds(1);

    protected override TimeProvider Time => TimeProvider.System;

    protected override bool ExactTime => false;

    private AzureStorageBackend Backend => (AzureStorageBackend)Host.Services.GetRequiredService<Durable.Backend.IDurableBackend>();

    protected override void UseBackend(IServiceCollection services, DurableTaskBuilder builder) =>
        builder.UseAzureStorage(o =>
        {
            o.ConnectionString = stack.Endpoints.AzuriteConnectionString;
            o.TaskHubName = _hub;
        });

    protected override async Task<OrchestrationMetadata> RunToCompletionAsync(string instanceId)
    {
        using var limit = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        return await Client.WaitForInstanceCompletionAsync(instanceId, getInputsAndOutputs: true, limit.Token);
    }

    protected override Task SettleAsync() => AzuriteHub.SettleAsync(Backend);

    protected override async Task LetTimePassAsync(DateTimeOffset until)
    {
        var wait = until - TimeProvider.System.GetUtcNow();
        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait);
        }
    }

    protected override Task<int> QueuedMessageCountAsync() => AzuriteHub.QueuedMessageCountAsync(Backend);

    public override async Task DisposeAsync()
    {
        var backend = Backend;
        await base.DisposeAsync();
        await backend.DeleteAsync(CancellationToken.None);
    }
}

/// <summary>The same suite on Azurite with activities run inline in their episodes (up to 4 at a time; larger fan-outs use the queue).</summary>
[Collection("DevStack")]
public sealed class AzuriteInlineActivitiesContractTests(DevStackFixture stack) : AzuriteContractTests(stack)
{
    protected override int MaxInlineActivities => 4;
}
