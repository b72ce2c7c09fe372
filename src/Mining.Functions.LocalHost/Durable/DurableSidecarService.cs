namespace Mining.Functions.LocalHost.Durable;

/// <summary>Starts the engine before the worker and client use it, and stops it after them (hosted services stop in reverse).</summary>
internal sealed class DurableSidecarService(DurableSidecar sidecar) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => sidecar.StartAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => sidecar.StopAsync(cancellationToken);
}
