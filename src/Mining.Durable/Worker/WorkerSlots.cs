using Microsoft.Extensions.Options;

namespace Mining.Durable.Worker;

/// <summary>
/// The worker's concurrency limits: episodes (<see cref="DurableTaskOptions.MaxConcurrentOrchestratorFunctions"/>) and
/// activities (<see cref="DurableTaskOptions.MaxConcurrentActivityFunctions"/>). An episode that runs activities inline
/// gives its episode slot back while they run and takes an activity slot for each, so slow activities never hold up
/// other instances' episodes (the collector's, a timer's) behind them.
/// </summary>
internal sealed class WorkerSlots(IOptions<DurableTaskOptions> options)
{
    public SemaphoreSlim Orchestrations { get; } = new(options.Value.MaxConcurrentOrchestratorFunctions);

    public SemaphoreSlim Activities { get; } = new(options.Value.MaxConcurrentActivityFunctions);
}
