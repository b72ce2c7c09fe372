using Microsoft.DurableTask.Client;
using Mining.Functions.Publishing;

namespace Mining.Functions.Learnings;

/// <summary>
/// A learning as the API and the pages show it: the stored record, except that one verified and handed to the anchor
/// collector shows <see cref="LearningStatus.WaitingForBatch"/> and when its batch closes, instead of the stored
/// Verifying (the record changes again only when the batch is prepared).
/// </summary>
/// <remarks>Reads the learning's orchestration status and, only when it waits for its batch, the collector's; changes nothing.</remarks>
internal sealed class LearningView(DurableTaskClient durable)
{
    public async Task<LearningRecord> ShowAsync(LearningRecord record, CancellationToken cancellationToken)
    {
        if (record.Status != LearningStatus.Verifying)
        {
            return record;
        }

        var instance = await durable.GetInstanceAsync(record.Id, getInputsAndOutputs: true, cancellationToken);
        if (instance is not { IsRunning: true } || ReadStage(instance) != PublishStages.Anchoring)
        {
            return record;
        }

        var collector = await durable.GetInstanceAsync(AnchorCollector.InstanceId, getInputsAndOutputs: true, cancellationToken);
        var status = collector is { IsRunning: true, SerializedCustomStatus: not null } ? collector.ReadCustomStatusAs<CollectorStatus>() : null;
        DateTimeOffset? closesAt = status is { Stage: "Collecting", ClosesAt: { } at } ? new DateTimeOffset(DateTime.SpecifyKind(at, DateTimeKind.Utc)) : null;
        return record with { Status = LearningStatus.WaitingForBatch, BatchClosesAt = closesAt };
    }

    public async Task<IReadOnlyList<LearningRecord>> ShowAllAsync(IEnumerable<LearningRecord> records, CancellationToken cancellationToken)
    {
        var shown = new List<LearningRecord>();
        foreach (var record in records)
        {
            shown.Add(await ShowAsync(record, cancellationToken));
        }

        return shown;
    }

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
