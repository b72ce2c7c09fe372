using Mining.Durable.Backend;
using Mining.Durable.History;

namespace Mining.Durable.Worker;

/// <summary>Sends messages to the queue their target lives on: activity work items to the work-item queue, control
/// messages to the control partition of their instance, delayed until <see cref="WorkMessage.NotBefore"/> as far as the queue allows.
/// A durable timer due more than <paramref name="longTimerThreshold"/> from now is parked instead (see <see cref="ParkedTimerSweeper"/>).</summary>
/// <param name="backend">The task hub's storage.</param>
/// <param name="time">The clock due times are measured on.</param>
/// <param name="longTimerThreshold"><see cref="DurableTaskOptions.LongTimerThreshold"/>; zero parks nothing.</param>
internal sealed class MessageDispatcher(IDurableBackend backend, TimeProvider time, TimeSpan longTimerThreshold)
{
    public IWorkQueue QueueFor(WorkMessage message) =>
        message.IsActivity ? backend.ActivityQueue : backend.ControlQueue(Partitioning.PartitionOf(message.InstanceId, backend.PartitionCount));

    public TimeSpan DelayFor(WorkMessage message)
    {
        if (message.NotBefore is not { } notBefore)
        {
            return TimeSpan.Zero;
        }

        var delay = notBefore - time.GetUtcNow();
        return delay <= TimeSpan.Zero ? TimeSpan.Zero : delay > backend.MaxMessageDelay ? backend.MaxMessageDelay : delay;
    }

    /// <summary>Parks a long durable timer (idempotent: by message id), sends anything else to its queue.</summary>
    public async Task SendAsync(WorkMessage message, CancellationToken cancellationToken)
    {
        if (ShouldPark(message) && await backend.ParkedMessages.ParkAsync(message, cancellationToken))
        {
            return;
        }

        await SendToQueueAsync(message, cancellationToken);
    }

    /// <summary>Sends to the message's queue with the delay left until it is due, never parking it.</summary>
    public Task SendToQueueAsync(WorkMessage message, CancellationToken cancellationToken) =>
        QueueFor(message).SendAsync(message, DelayFor(message), cancellationToken);

    public Task SendAllAsync(IReadOnlyList<WorkMessage> messages, CancellationToken cancellationToken) =>
        ForEachAsync(messages, SendAsync, cancellationToken);

    public Task SendAllToQueuesAsync(IReadOnlyList<WorkMessage> messages, CancellationToken cancellationToken) =>
        ForEachAsync(messages, SendToQueueAsync, cancellationToken);

    /// <summary>Only durable timers are parked: they are what waits long (timeouts of days, which mostly outlive the wait they
    /// guard). Delayed starts and everything else keep the queue path.</summary>
    private bool ShouldPark(WorkMessage message) =>
        longTimerThreshold > TimeSpan.Zero
        && message.Event is TimerFired
        && message.NotBefore is { } due
        && due - time.GetUtcNow() > longTimerThreshold;

    private static async Task ForEachAsync(IReadOnlyList<WorkMessage> messages, Func<WorkMessage, CancellationToken, Task> send, CancellationToken cancellationToken)
    {
        if (messages.Count == 1)
        {
            await send(messages[0], cancellationToken);
            return;
        }

        await Parallel.ForEachAsync(
            messages,
            new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = cancellationToken },
            async (message, ct) => await send(message, ct));
    }
}
