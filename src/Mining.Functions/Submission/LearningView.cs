using Microsoft.DurableTask.Client;
using Mining.Functions.Anchoring;
using Mining.Functions.Learnings;
using Mining.Functions.Publishing;

namespace Mining.Functions.Submission;

/// <summary>
/// A learning as the API and the pages show it: the stored record, except that one verified and handed to the anchor
/// collector shows <see cref="LearningStatus.WaitingForBatch"/> and when its batch closes, instead of the stored
/// Verifying (the record changes again only when the batch is prepared).
/// </summary>
/// <remarks>Reads the learning's orchestration status and, only when it waits for its batch, the collector's; changes nothing.</remarks>
internal sealed class LearningView(DurableTaskClient durable)
{
    public Task<LearningRecord> ShowAsync(LearningRecord record, CancellationToken cancellationToken) =>
        ShowAsync(record, BatchClosing(cancellationToken), cancellationToken);

    /// <summary>Each record as shown; the collector's status is read once for all of them.</summary>
    public async Task<IReadOnlyList<LearningRecord>> ShowAllAsync(IEnumerable<LearningRecord> records, CancellationToken cancellationToken)
    {
        var closesAt = BatchClosing(cancellationToken);
        var shown = new List<LearningRecord>();
        foreach (var record in records)
        {
            shown.Add(await ShowAsync(record, closesAt, cancellationToken));
        }

        return shown;
    }

    private async Task<LearningRecord> ShowAsync(LearningRecord record, Lazy<Task<DateTimeOffset?>> closesAt, CancellationToken cancellationToken)
    {
        if (record.Status != LearningStatus.Verifying)
        {
            return record;
        }

        var instance = await durable.GetInstanceAsync(record.Id, getInputsAndOutputs: true, cancellationToken);
        return instance is { IsRunning: true } && ReadStage(instance) == PublishStages.Anchoring
            ? record with { Status = LearningStatus.WaitingForBatch, BatchClosesAt = await closesAt.Value }
            : record;
    }

    /// <summary>When the collector's open batch closes at the latest; null while it holds none or is closing one.</summary>
    private Lazy<Task<DateTimeOffset?>> BatchClosing(CancellationToken cancellationToken) => new(async () =>
    {
        var collector = await durable.GetInstanceAsync(AnchorCollector.InstanceId, getInputsAndOutputs: true, cancellationToken);
        var status = collector is { IsRunning: true, SerializedCustomStatus: not null } ? collector.ReadCustomStatusAs<CollectorStatus>() : null;
        return status is { Stage: "Collecting", ClosesAt: { } at } ? new DateTimeOffset(DateTime.SpecifyKind(at, DateTimeKind.Utc)) : null;
    });

    private static string? ReadStage(OrchestrationMetadata instance)
    {
        try
        {
            return instance.SerializedCustomStatus is null ? null : instance.ReadCustomStatusAs<PublishStatus>()?.Stage;
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }
}
