using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Options;
using Mining.Functions.Options;
using Mining.Functions.Storage;
using Mining.Functions.Learnings;
using Mining.Functions.Batches;

namespace Mining.Functions.Anchoring;

/// <summary>
/// One turn of the collector: the id and size of the batch it closed (null and 0 when none was due), how many learnings
/// still wait and when the oldest of them is due at the latest (null when none waits). The batch's learnings are not in
/// it: they are in the batch's record and its instance's input, and need not be in the collector's history too.
/// </summary>
public sealed record CollectorTurn(string? ClosedBatch, int Closed, int Waiting, DateTime? ClosesAt);

/// <summary>
/// Closes a batch when one is due: the waiting learnings (<see cref="AnchorQueue"/>, oldest first) fill a batch, or the
/// oldest has waited <see cref="PublishingOptions.BatchWindow"/>. The batch takes at most
/// <see cref="PublishingOptions.BatchSize"/> of them: it is stored under the id the collector chose, its
/// <see cref="AnchorBatch"/> instance is started (instance id = batch id), and then its learnings leave the queue.
/// </summary>
/// <remarks>
/// Idempotent: a retry under the same batch id that finds learnings due gets the stored batch back and finishes starting
/// it. A turn given up after the start leaves the learnings in the queue, so a later batch may be given them again;
/// <see cref="PrepareBatch"/> leaves out a learning another batch owns.
/// </remarks>
internal sealed class TakeReadyBatch(AnchorQueue queue, BatchStore batches, DurableTaskClient durable, IOptions<PublishingOptions> options, TimeProvider time)
    : TaskActivity<string, CollectorTurn>
{
    public override async Task<CollectorTurn> RunAsync(TaskActivityContext context, string batchId)
    {
        var ct = CancellationToken.None;
        var settings = options.Value;
        var waiting = await queue.ListAsync(ct);
        if (waiting.Count == 0 || (waiting.Count < settings.BatchSize && time.GetUtcNow().UtcDateTime < ClosesAt(waiting[0])))
        {
            return Turn(null, waiting);
        }

        // A retry whose first attempt stored the batch gets that batch back (its learnings, if still queued, were due then
        // and still are); one that also got to remove them finds nothing due for them, its batch being started.
        var stored = await batches.GetOrAddAsync(
            new BatchRecord { BatchId = batchId, Items = [.. waiting.Take(settings.BatchSize)], CreatedAt = time.GetUtcNow() }, ct);
        var batch = new BatchStart(batchId, stored.Items);
        await durable.StartIfAbsentAsync(nameof(AnchorBatch), batchId, batch, ct);
        var taken = batch.Items.Select(i => i.LearningId).ToHashSet(StringComparer.Ordinal);
        await queue.RemoveAsync(taken, ct);
        return Turn(batch, [.. waiting.Where(w => !taken.Contains(w.LearningId))]);

        DateTime ClosesAt(ReadyForAnchor item) => (item.ReadyAt ?? default) + settings.BatchWindow;

        CollectorTurn Turn(BatchStart? closed, IReadOnlyList<ReadyForAnchor> left) =>
            new(closed?.BatchId, closed?.Items.Count ?? 0, left.Count, left.Count == 0 ? null : ClosesAt(left[0]));
    }
}
