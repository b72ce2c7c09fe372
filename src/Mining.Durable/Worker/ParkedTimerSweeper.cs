using Microsoft.Extensions.Options;
using Mining.Durable.Backend;

namespace Mining.Durable.Worker;

/// <summary>Moves parked durable timers to their control queues when they come within <see cref="DurableTaskOptions.LongTimerThreshold"/>
/// of their due time, sent with the delay left, so they fire on time; the worker sweeps at start and every threshold/5 (at least 1 s).</summary>
/// <remarks>A sweep sends first and removes after: a crash (or a second worker sweeping at the same moment) sends a timer twice,
/// and the orchestration keeps only the first <c>TimerFired</c> per timer. With parking off (threshold 0) a sweep moves every
/// parked timer to the queues at once, so turning parking off leaves nothing behind.</remarks>
internal sealed class ParkedTimerSweeper(IDurableBackend backend, MessageDispatcher dispatcher, IOptions<DurableTaskOptions> options, TimeProvider time)
{
    /// <summary>Messages read, sent and removed per round of a sweep.</summary>
    internal const int PageSize = 100;

    private TimeSpan Threshold => options.Value.LongTimerThreshold;

    /// <summary>True while new long timers are parked, so sweeps must go on; false after the one sweep that drains leftovers.</summary>
    public bool Parking => Threshold > TimeSpan.Zero;

    /// <summary>Time between the starts of two sweeps: a fifth of the threshold, at least a second.</summary>
    public TimeSpan Interval => Threshold / 5 > TimeSpan.FromSeconds(1) ? Threshold / 5 : TimeSpan.FromSeconds(1);

    /// <summary>Sends every parked timer due within the threshold from now to its queue, then removes it; returns how many.</summary>
    public async Task<int> SweepAsync(CancellationToken cancellationToken)
    {
        var parked = backend.ParkedMessages;
        var swept = 0;
        while (true)
        {
            var now = time.GetUtcNow();
            var dueBy = Parking ? now + Threshold : now.AddYears(100);
            var due = await parked.ReadDueAsync(dueBy, PageSize, cancellationToken);
            await dispatcher.SendAllToQueuesAsync(due, cancellationToken);
            await parked.RemoveAsync(due, cancellationToken);
            swept += due.Count;
            if (due.Count < PageSize)
            {
                return swept;
            }
        }
    }
}
