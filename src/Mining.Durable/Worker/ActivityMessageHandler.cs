using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Mining.Durable.Backend;
using Mining.Durable.History;

namespace Mining.Durable.Worker;

/// <summary>Runs one activity work item and sends its result to the orchestration, then deletes the work item.</summary>
/// <remarks>At least once: if the worker dies before the delete, the work item reappears after its lease and runs again;
/// the orchestration keeps only the first result per task. A work item delivered more than <c>maxDequeueCount</c> times is
/// not run again: the instance is failed with the reason instead.</remarks>
internal sealed partial class ActivityMessageHandler(
    DurableTaskRegistry registry,
    IServiceProvider services,
    MessageDispatcher dispatcher,
    DataConverter converter,
    IOptions<DurableTaskOptions> options,
    TimeProvider time,
    ILogger<ActivityMessageHandler> logger)
{
    public async Task HandleAsync(IWorkQueue queue, ReceivedMessage received, CancellationToken cancellationToken)
    {
        var message = received.Message;
        var request = message.Activity!;
        var storage = options.Value.StorageProvider;
        if (received.DequeueCount > storage.MaxDequeueCount)
        {
            var reason = $"Activity '{request.Name}' (task {request.TaskScheduledId}) was delivered {received.DequeueCount} times without completing "
                + "(its worker crashed or stopped each time); giving up.";
            await dispatcher.SendAsync(WorkMessage.Control(message.InstanceId, message.ExecutionId, new ExecutionFailureRequested(reason, received.DequeueCount)), cancellationToken);
            await queue.DeleteAsync(received, cancellationToken);
            return;
        }

        ReceivedMessage current;
        HistoryEvent outcome;
        await using (var lease = new MessageLease(queue, received, storage.WorkItemQueueVisibilityTimeout, time))
        {
            outcome = await RunAsync(message, request, received.DequeueCount);
            current = lease.Current;
        }

        await dispatcher.SendAsync(WorkMessage.Control(message.InstanceId, message.ExecutionId, outcome), CancellationToken.None);
        await queue.DeleteAsync(current, CancellationToken.None);
    }

    /// <summary>True when this worker can run <paramref name="message"/>'s activity itself.</summary>
    public bool CanRun(WorkMessage message) => message.Activity is { } request && registry.HasActivity(request.Name);

    /// <summary>Runs an activity an episode scheduled, in that episode (see <see cref="DurableTaskOptions.MaxInlineActivities"/>); returns its result event.</summary>
    public Task<HistoryEvent> RunInlineAsync(WorkMessage message) => RunAsync(message, message.Activity!, dequeueCount: 1);

    private async Task<HistoryEvent> RunAsync(WorkMessage message, ActivityRequest request, int dequeueCount)
    {
        var activity = registry.CreateActivity(request.Name, services);
        if (activity is null)
        {
            return new TaskFailed(
                request.TaskScheduledId,
                new TaskFailureDetails("Mining.Durable.ActivityNotFound", $"No activity named '{request.Name}' is registered in this worker; register it with AddActivity.", null, null));
        }

        try
        {
            var input = converter.Deserialize(request.Input, activity.InputType);
            var context = new TaskActivityContext(request.Name, message.InstanceId, request.TaskScheduledId, dequeueCount);
            var output = await activity.RunAsync(context, input);
            return new TaskCompleted(request.TaskScheduledId, converter.Serialize(output));
        }
        catch (Exception ex)
        {
            LogActivityFailed(logger, ex, request.Name, message.InstanceId, request.TaskScheduledId);
            return new TaskFailed(request.TaskScheduledId, TaskFailureDetails.FromException(ex));
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Activity {Activity} (task {TaskId}) of instance {InstanceId} failed")]
    private static partial void LogActivityFailed(ILogger logger, Exception exception, string activity, string instanceId, int taskId);
}
