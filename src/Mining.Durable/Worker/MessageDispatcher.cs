using Mining.Durable.Backend;
using Mining.Durable.History;

namespace Mining.Durable.Worker;

/// <summary>Sends messages to the queue their target lives on: activity work items to the work-item queue, control
/// messages to the control partition of their instance, delayed until <see cref="WorkMessage.NotBefore"/> as far as the queue allows.</summary>
internal sealed class MessageDispatcher(IDurableBackend backend, TimeProvider time)
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

    public Task SendAsync(WorkMessage message, CancellationToken cancellationToken) =>
        QueueFor(message).SendAsync(message, DelayFor(message), cancellationToken);

    public async Task SendAllAsync(IReadOnlyList<WorkMessage> messages, CancellationToken cancellationToken)
    {
        if (messages.Count == 1)
        {
            await SendAsync(messages[0], cancellationToken);
            return;
        }

        await Parallel.ForEachAsync(
            messages,
            new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = cancellationToken },
            async (message, ct) => await SendAsync(message, ct));
    }
}
