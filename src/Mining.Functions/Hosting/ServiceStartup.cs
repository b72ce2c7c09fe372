using Mining.Durable;
using Microsoft.Extensions.Options;
using Mining.Ethereum.Signing;
using Mining.Functions.Chain;
using Mining.Functions.Contributors;
using Mining.Functions.Options;
using Mining.Functions.Publishing;
using Mining.Functions.Storage;

namespace Mining.Functions.Hosting;

/// <summary>
/// At start: creates the tables and containers, starts the batch collector, the claim watcher and the availability
/// monitor, sets up the chain (deploying the contracts on a fresh development chain) and, in Development, makes sure the
/// default contributor exists.
/// </summary>
internal sealed class ServiceStartup(
    AppStorage storage,
    ServiceStateStore state,
    ContributorStore contributors,
    DurableTaskClient durable,
    ChainService chain,
    IOptions<AvailabilityOptions> availability,
    IHostEnvironment environment,
    ILogger<ServiceStartup> logger) : IHostedService
{
    public const string DevContributorId = "ctb_dev";

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await storage.EnsureCreatedAsync(cancellationToken);
        await durable.StartIfAbsentAsync(nameof(AnchorCollector), AnchorCollector.InstanceId, new CollectorState([]), cancellationToken);
        await durable.StartIfAbsentAsync(nameof(ClaimWatcher), ClaimWatcher.InstanceId, new ClaimScan(0, 0, 0, 0), cancellationToken);
        await StartAvailabilityMonitorAsync(cancellationToken);
        await chain.ReadyAsync();
        if (environment.IsDevelopment())
        {
            await EnsureDevContributorAsync(cancellationToken);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>
    /// Enabled: starts the monitor unless it is running (a finished or failed one is started afresh). Disabled: stops a
    /// running one.
    /// </summary>
    private async Task StartAvailabilityMonitorAsync(CancellationToken cancellationToken)
    {
        var settings = availability.Value;
        if (settings.Enabled)
        {
            try
            {
                await durable.ScheduleNewOrchestrationInstanceAsync(
                    nameof(AvailabilityMonitor), AvailabilityRound.First,
                    new StartOrchestrationOptions(AvailabilityMonitor.InstanceId) { ReturnExistingIfRunning = true }, cancellationToken);
            }
            catch (OrchestrationAlreadyExistsException)
            {
                // Started concurrently by another instance of the app: the same singleton.
            }

            Log.AvailabilityMonitor(logger, "running", settings.CheckInterval);
        }
        else if (await durable.GetInstanceAsync(AvailabilityMonitor.InstanceId, cancellationToken: cancellationToken) is { IsRunning: true })
        {
            await durable.TerminateInstanceAsync(AvailabilityMonitor.InstanceId, "Availability:Enabled is false", cancellationToken);
            Log.AvailabilityMonitor(logger, "stopped (Availability:Enabled is false)", settings.CheckInterval);
        }
    }

    /// <summary>
    /// Development only: a default contributor whose wallet key and API key live in the local storage account, so the
    /// README's sample requests and the demo work on a fresh machine. Its API key is printed (development only).
    /// </summary>
    private async Task EnsureDevContributorAsync(CancellationToken cancellationToken)
    {
        var walletKey = await state.GetOrAddAsync(
            "dev-contributor-wallet", Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)), cancellationToken);
        var apiKey = await state.GetOrAddAsync("dev-contributor-api-key", ApiKeys.Generate(), cancellationToken);
        using var wallet = PrivateKeySigner.FromHex(walletKey);
        if (await contributors.FindAsync(DevContributorId, cancellationToken) is null)
        {
            await contributors.CreateAsync("Development contributor", "dev@mining.local", wallet.Address.ToString(), cancellationToken, DevContributorId, apiKey);
        }

        Console.WriteLine($"Development contributor {DevContributorId} (reward address {wallet.Address}); API key: {apiKey}");
        Log.DevContributorReady(logger, DevContributorId);
    }
}
