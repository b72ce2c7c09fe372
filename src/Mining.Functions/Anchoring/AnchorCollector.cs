using Microsoft.Extensions.Options;
using Microsoft.DurableTask;
using Mining.Functions.Learnings;
using Mining.Functions.Options;

namespace Mining.Functions.Anchoring;

/// <summary>
/// The collector's custom status: collecting (with the learnings it holds and, once it holds one, when the batch closes
/// at the latest) or closing a batch of that many.
/// </summary>
public sealed record CollectorStatus(string Stage, int Pending, DateTime? ClosesAt = null);

/// <summary>
/// State the collector carries across <c>ContinueAsNew</c>: learnings already collected, and when the previous batch
/// closed (no window opens before then).
/// </summary>
public sealed record CollectorState(IReadOnlyList<ReadyForAnchor> Pending, DateTime? PreviousClose = null);

/// <summary>
/// The eternal singleton that gathers verified learnings into batches: a batch closes when it holds
/// <see cref="PublishingOptions.BatchSize"/> learnings or <see cref="PublishingOptions.BatchWindow"/> after its first
/// one, whichever comes first; it is handed to its own <see cref="AnchorBatch"/> instance, and collecting goes on at
/// once with a fresh history (events that arrived meanwhile are kept).
/// </summary>
/// <remarks>A learning id appears in at most one batch: duplicates of an id within a batch are dropped.</remarks>
internal sealed class AnchorCollector(IOptions<PublishingOptions> options) : TaskOrchestrator<CollectorState, int>
{
    public const string InstanceId = "anchor-collector";
    public const string ReadyEvent = "Ready";

    public override async Task<int> RunAsync(TaskOrchestrationContext context, CollectorState input)
    {
        var settings = options.Value;
        var pending = new List<ReadyForAnchor>(input?.Pending ?? []);
        context.SetCustomStatus(new CollectorStatus("Collecting", pending.Count));
        if (pending.Count == 0)
        {
            pending.Add(await context.WaitForExternalEvent<ReadyForAnchor>(ReadyEvent));
        }

        // The window opens when the batch's first learning was handed over, not when the collector got to it: one that
        // waited while the previous batch was being closed (events that arrive meanwhile reach the next execution) gets a
        // window counted from its hand-over, though never from before that close, so under steady load a batch closes
        // every window, not every window plus the time to close one.
        var now = context.CurrentUtcDateTime;
        var handedOver = pending[0].ReadyAt ?? now;
        var opened = input?.PreviousClose is { } previous && previous > handedOver ? previous : handedOver;
        opened = opened > now ? now : opened;

        // One timer for the window, not one per wait: every learning's event would otherwise leave a timer to fire and be
        // processed. A wait still open when the window closes is cancelled at once, so later events stay buffered for the
        // next batch (ContinueAsNew keeps them).
        using var window = new CancellationTokenSource();
        var closesAt = opened + settings.BatchWindow;
        var windowCloses = context.CreateTimer(closesAt, window.Token);
        context.SetCustomStatus(new CollectorStatus("Collecting", pending.Count, closesAt));
        while (pending.Count < settings.BatchSize)
        {
            using var wait = new CancellationTokenSource();
            var next = context.WaitForExternalEvent<ReadyForAnchor>(ReadyEvent, wait.Token);
            if (await Task.WhenAny(next, windowCloses) != next)
            {
                wait.Cancel(); // Synchronously: an orchestration must not hop to another thread.
                break;
            }

            pending.Add(await next);
            context.SetCustomStatus(new CollectorStatus("Collecting", pending.Count, closesAt));
        }

        window.Cancel();
        var closed = context.CurrentUtcDateTime;
        var batch = pending.DistinctBy(p => p.LearningId).ToList();
        context.SetCustomStatus(new CollectorStatus("Closing", batch.Count));
        var batchId = "batch-" + context.NewGuid().ToString("N")[..20];
        await context.CallActivityAsync(nameof(StartAnchorBatch), new BatchStart(batchId, batch), settings.ActivityOptions());
        context.ContinueAsNew(new CollectorState([], closed), preserveUnprocessedEvents: true);
        return batch.Count;
    }
}
