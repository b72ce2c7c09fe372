using DurableTask.Core.Exceptions;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace Mining.Functions.Storage;

internal static class DurableClientExtensions
{
    /// <summary>Every status an instance can have: an instance id that exists in any of them is not started again.</summary>
    private static readonly OrchestrationRuntimeStatus[] AnyStatus =
        [.. StartOrchestrationOptionsExtensions.ValidDedupeStatuses];

    /// <summary>
    /// Starts <paramref name="name"/> as instance <paramref name="instanceId"/> unless an instance with that id exists
    /// (pending, running or finished): returns false then, and changes nothing. Safe to call again after a crash.
    /// </summary>
    public static async Task<bool> StartIfAbsentAsync(
        this DurableTaskClient client, TaskName name, string instanceId, object? input, CancellationToken cancellationToken = default)
    {
        try
        {
            await client.ScheduleNewOrchestrationInstanceAsync(
                name, input, new StartOrchestrationOptions(instanceId).WithDedupeStatuses(AnyStatus), cancellationToken);
            return true;
        }
        catch (OrchestrationAlreadyExistsException)
        {
            return false;
        }
    }

    /// <summary>
    /// Starts the singleton <paramref name="name"/> as instance <paramref name="instanceId"/> unless it is running (or
    /// pending or suspended): one that finished, failed or was terminated is started afresh. Returns false when it was
    /// running already, or another host started it at the same moment.
    /// </summary>
    public static async Task<bool> StartUnlessRunningAsync(
        this DurableTaskClient client, TaskName name, string instanceId, object? input, CancellationToken cancellationToken = default)
    {
        try
        {
            await client.ScheduleNewOrchestrationInstanceAsync(
                name, input, new StartOrchestrationOptions(instanceId).WithDedupeStatuses(
                    OrchestrationRuntimeStatus.Pending, OrchestrationRuntimeStatus.Running, OrchestrationRuntimeStatus.Suspended),
                cancellationToken);
            return true;
        }
        catch (OrchestrationAlreadyExistsException)
        {
            return false;
        }
    }
}
