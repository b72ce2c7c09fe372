using Mining.Durable;

namespace Mining.Functions.Publishing;

internal static class DurableStarts
{
    /// <summary>Starts an orchestration unless an instance with that id exists (running or finished): a no-op the second time.</summary>
    public static async Task StartOnceAsync(
        this DurableTaskClient client, string name, string instanceId, object input, CancellationToken cancellationToken = default)
    {
        if (await client.GetInstanceAsync(instanceId, cancellationToken: cancellationToken) is not null)
        {
            return;
        }

        try
        {
            await client.ScheduleNewOrchestrationInstanceAsync(name, input, new StartOrchestrationOptions(instanceId), cancellationToken);
        }
        catch (OrchestrationAlreadyExistsException)
        {
            // Started concurrently by someone else: the same instance, so nothing to do.
        }
    }
}
