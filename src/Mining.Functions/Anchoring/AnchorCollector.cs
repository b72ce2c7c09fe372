using Microsoft.Extensions.Options;
using Microsoft.DurableTask;
using Mining.Functions.Options;

namespace Mining.Functions.Anchoring;

/// <summary>
/// The collector's custom status: stage "Collecting", the learnings waiting and, while one waits, when the next batch
/// closes at the latest.
/// </summary>
public sealed record CollectorStatus(string Stage, int Pending, DateTime? ClosesAt = null);

/// <summary>
/// The eternal singleton that gathers verified learnings into batches. Verifying hands a learning over by adding it to
/// the <see cref="AnchorQueue"/> table (no message to this orchestration); each turn the collector's
/// <see cref="TakeReadyBatch"/> closes a batch when <see cref="PublishingOptions.BatchSize"/> learnings wait or the
/// oldest has waited <see cref="PublishingOptions.BatchWindow"/>, and starts its <see cref="AnchorBatch"/>. Between turns
/// it sleeps on a durable timer: until the open batch's window closes, at most
/// <see cref="PublishingOptions.BatchPollInterval"/> (so a batch that fills closes soon); with none waiting, one window.
/// A batch that leaves a full or overdue one behind is followed by the next turn at once.
/// </summary>
/// <remarks>
/// The learnings' hand-overs never reach this orchestration's history, so it does not share their load: a turn costs the
/// same with ten learnings waiting or ten thousand. Its history restarts (<c>ContinueAsNew</c>) every
/// <see cref="TurnsPerExecution"/> turns; its input and result are the number of batches it has closed. A turn that
/// fails after its retries is tried again after a poll interval with a new batch id; the learnings stay in the queue
/// until a batch holding them has started.
/// </remarks>
internal sealed class AnchorCollector(IOptions<PublishingOptions> options) : TaskOrchestrator<int, int>
{
    public const string InstanceId = "anchor-collector";
    public const int TurnsPerExecution = 50;

    public override async Task<int> RunAsync(TaskOrchestrationContext context, int input)
    {
        var settings = options.Value;
        var closed = input;
        for (var turn = 0; turn < TurnsPerExecution; turn++)
        {
            var batchId = "batch-" + context.NewGuid().ToString("N")[..20];
            CollectorTurn result;
            try
            {
                result = await context.CallActivityAsync<CollectorTurn>(nameof(TakeReadyBatch), batchId, settings.ActivityOptions());
            }
            catch (TaskFailedException)
            {
                await context.CreateTimer(settings.BatchPollInterval, CancellationToken.None);
                continue;
            }

            var now = context.CurrentUtcDateTime;
            context.SetCustomStatus(new CollectorStatus("Collecting", result.Waiting, result.ClosesAt));
            if (result.ClosedBatch is not null)
            {
                closed++;
                if (result.Waiting >= settings.BatchSize || result.ClosesAt <= now)
                {
                    continue;
                }
            }

            var sleep = result.ClosesAt is { } closesAt
                ? Min(closesAt - now, settings.BatchPollInterval)
                : Max(settings.BatchWindow, settings.BatchPollInterval);
            await context.CreateTimer(now + Max(sleep, TimeSpan.Zero), CancellationToken.None);
        }

        context.ContinueAsNew(closed, preserveUnprocessedEvents: false);
        return closed;
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;
}
