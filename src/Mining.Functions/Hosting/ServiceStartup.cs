using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Options;
using Mining.Functions.Anchoring;
using Mining.Functions.Availability;
using Mining.Functions.Chain;
using Mining.Functions.Logging;
using Mining.Functions.Options;
using Mining.Functions.Rewards;
using Mining.Functions.Storage;

namespace Mining.Functions.Hosting;

/// <summary>
/// At start: creates the tables and containers, starts the batch collector, the claim watcher and the availability
/// monitor, and sets up the chain (deploying the contracts on a chain that does not have them yet). The local host runs it
/// as a hosted service; the Functions app runs it from a timer trigger that fires at start-up.
/// </summary>
/// <remarks>Idempotent: the singletons are started only when not running, and several hosts may run it at once.</remarks>
internal sealed class ServiceStartup(
    AppStorage storage,
    DurableTaskClient durable,
    ChainService chain,
    IOptions<AvailabilityOptions> availability,
    ILogger<ServiceStartup> logger)
{
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        await storage.EnsureCreatedAsync(cancellationToken);
        await durable.StartUnlessRunningAsync(nameof(AnchorCollector), AnchorCollector.InstanceId, 0, cancellationToken);
        await durable.StartUnlessRunningAsync(nameof(ClaimWatcher), ClaimWatcher.InstanceId, new ClaimScan(0, 0, 0, 0), cancellationToken);
        await StartAvailabilityMonitorAsync(cancellationToken);
        await chain.ReadyAsync();
    }

    /// <summary>
    /// Enabled: starts the monitor unless it is running (a finished or failed one is started afresh). Disabled: stops a
    /// running one.
    /// </summary>
    private async Task StartAvailabilityMonitorAsync(CancellationToken cancellationToken)
    {
        var settings = availability.Value;
        if (settings.Enabled)
        {
            await durable.StartUnlessRunningAsync(nameof(AvailabilityMonitor), AvailabilityMonitor.InstanceId, AvailabilityRound.First, cancellationToken);
            Log.AvailabilityMonitor(logger, "running", settings.CheckInterval);
        }
        else if (await durable.GetInstanceAsync(AvailabilityMonitor.InstanceId, cancellation: cancellationToken) is { IsRunning: true })
        {
            await durable.TerminateInstanceAsync(AvailabilityMonitor.InstanceId, "Availability:Enabled is false", cancellationToken);
            Log.AvailabilityMonitor(logger, "stopped (Availability:Enabled is false)", settings.CheckInterval);
        }
    }
}
