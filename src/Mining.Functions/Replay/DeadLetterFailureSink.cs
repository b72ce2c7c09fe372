using System.Text.Json;
using Microsoft.DurableTask.Client;
using Mining.Functions.Anchoring;
using Mining.Functions.Batches;
using Mining.Functions.DeadLetters;
using Mining.Functions.Learnings;
using Mining.Functions.Logging;
using Mining.Functions.Publishing;

namespace Mining.Functions.Replay;

/// <summary>An orchestration instance the engine failed: its code threw where it caught nothing (see <see cref="FailedInstanceScan"/>).</summary>
/// <remarks><c>MessageId</c> makes the failure unique: the same failure reported again changes nothing.</remarks>
internal sealed record OrchestrationFailure(string InstanceId, string Name, string Reason, int AttemptCount, string MessageId);

/// <summary>
/// The engine's give-ups (an instance that failed) become Engine dead letters: for a
/// learning's instance the stage is the one its record had reached, the learning shows DeadLettered and the operator
/// is alerted once. Idempotent by the message id. A replay purges the failed instance and starts it again from that stage.
/// </summary>
internal sealed class DeadLetterFailureSink(
    DeadLetterService deadLetters, LearningStore learnings, BatchStore batches, DurableTaskClient durable, ILogger<DeadLetterFailureSink> logger)
{
    private static readonly JsonSerializerOptions DurableJson = new(JsonSerializerDefaults.Web);

    public async Task OnGaveUpAsync(OrchestrationFailure failure, CancellationToken cancellationToken)
    {
        Log.EngineGaveUp(logger, failure.InstanceId, failure.Name, failure.AttemptCount, failure.Reason);
        try
        {
            var instance = await durable.GetInstanceAsync(failure.InstanceId, getInputsAndOutputs: true, cancellationToken);
            var name = failure.Name is { Length: > 0 } n ? n : instance?.Name ?? string.Empty;
            var input = instance?.SerializedInput;
            var stage = "Engine";
            List<DeadLetterLearning> held = [];
            if (name == nameof(PublishLearning) && input is not null && JsonSerializer.Deserialize<PublishInput>(input, DurableJson) is { } publish)
            {
                held.Add(new DeadLetterLearning(publish.LearningId, publish.ContributorId, publish.Cid));
                var record = await learnings.FindAsync(publish.ContributorId, publish.LearningId, cancellationToken);
                stage = record is null ? PublishStages.Approval
                    : PublishStages.StageOf(record.Status) ?? (record.Status == LearningStatus.DeadLettered ? publish.ResumeFrom : null) ?? PublishStages.Pinning;
            }
            else if (name == nameof(AnchorBatch) && input is not null && JsonSerializer.Deserialize<BatchStart>(input, DurableJson) is { } batch)
            {
                // Once prepared, the batch holds only the learnings it anchors (see PrepareBatch).
                var items = (await batches.FindAsync(batch.BatchId, cancellationToken))?.Items ?? batch.Items;
                held.AddRange(items.Select(i => new DeadLetterLearning(i.LearningId, i.ContributorId, i.Cid)));
                stage = PublishStages.Anchoring;
            }

            await deadLetters.RecordAsync(
                new DeadLetterFailure(DeadLetterKind.Engine, failure.InstanceId, name, held, stage, failure.Reason, failure.AttemptCount, 0,
                    BatchId: name == nameof(AnchorBatch) ? failure.InstanceId : null, MessageId: failure.MessageId, Input: input),
                cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The engine goes on either way; the give-up is in the log above.
            Log.EngineGiveUpNotRecorded(logger, e, failure.InstanceId);
        }
    }
}
