using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Mining.Functions.Hosting;
using Mining.Functions.Replay;

namespace Mining.Functions.App;

/// <summary>
/// The service's schedule: <see cref="Hosting.ServiceStartup"/> when the app starts and every five minutes after
/// (idempotent: it starts the singletons only when they are not running), and <see cref="FailedInstanceScan"/>
/// every minute.
/// </summary>
internal sealed class TimerFunctions(DurableClientSlot slot, ServiceStartup startup, FailedInstanceScan failures)
{
    [Function(nameof(ServiceStartup))]
    public Task ServiceStartup(
        [TimerTrigger("0 */5 * * * *", RunOnStartup = true)] TimerInfo timer, [DurableClient] DurableTaskClient client, CancellationToken cancellationToken)
    {
        slot.Set(client);
        return startup.RunAsync(cancellationToken);
    }

    [Function(nameof(FailedInstanceScan))]
    public Task FailedInstanceScan(
        [TimerTrigger("0 * * * * *")] TimerInfo timer, [DurableClient] DurableTaskClient client, CancellationToken cancellationToken)
    {
        slot.Set(client);
        return failures.RunAsync(cancellationToken);
    }
}
