using Mining.Functions.Hosting;
using Mining.Functions.LocalHost.Development;
using Mining.Functions.Logging;
using Mining.Functions.Replay;

namespace Mining.Functions.LocalHost;

/// <summary>
/// The local host's start-up and schedule: runs <see cref="ServiceStartup"/> (and, in Development, makes sure the
/// development contributor exists) once the engine is up, then looks for failed instances every minute
/// (<see cref="FailedInstanceScan"/>) — what the Functions app does with timer triggers.
/// </summary>
internal sealed class LocalStartup(
    ServiceStartup startup, FailedInstanceScan failures, IServiceProvider services, TimeProvider time, ILogger<LocalStartup> logger) : BackgroundService
{
    public static readonly TimeSpan ScanInterval = TimeSpan.FromMinutes(1);

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        await startup.RunAsync(cancellationToken);
        if (services.GetService<DevContributor>() is { } contributor)
        {
            await contributor.EnsureAsync(cancellationToken);
        }

        await base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(ScanInterval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await failures.RunAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                Log.FailedInstanceScanFailed(logger, e);
            }
        }
    }
}
