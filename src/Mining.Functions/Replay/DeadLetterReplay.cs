using System.Text.Json;
using DurableTask.Core.Exceptions;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Mining.Functions.DeadLetters;
using Mining.Functions.Learnings;
using Mining.Functions.Logging;
using Mining.Functions.Publishing;

namespace Mining.Functions.Replay;

/// <summary>The outcome of an operator's replay or delete.</summary>
internal enum DeadLetterOutcome
{
    /// <summary>This call changed the record.</summary>
    Done,

    /// <summary>The record was replayed already (this replay is under way or over); nothing changed.</summary>
    AlreadyReplayed,

    /// <summary>The record was deleted already; nothing changed.</summary>
    AlreadyDeleted,

    NotFound,

    /// <summary>A deleted record cannot be replayed.</summary>
    Deleted,

    /// <summary>Nothing is left to resume (the instance is gone, or the engine gave up before the orchestration was known); delete it.</summary>
    NotReplayable,
}

/// <summary>
/// Carries out the operator's replay of a dead letter (the failed stage runs again: an event to the waiting instance, or a
/// fresh start of an instance the engine failed) and delete (the learnings end as Failed with the operator's reason).
/// Recording is <see cref="DeadLetterService"/>'s.
/// </summary>
internal sealed class DeadLetterReplay(DeadLetterStore store, LearningStore learnings, DurableTaskClient durable, TimeProvider time, ILogger<DeadLetterReplay> logger)
{
    private static readonly JsonSerializerOptions DurableJson = new(JsonSerializerDefaults.Web);

    /// <summary>The operator's replay: the record becomes Replayed with the next generation and the failed stage runs again.</summary>
    public async Task<(DeadLetterOutcome Outcome, DeadLetterRecord? Record)> ReplayAsync(string id, CancellationToken cancellationToken)
    {
        while (true)
        {
            if (await store.FindAsync(id, cancellationToken) is not var (record, etag))
            {
                return (DeadLetterOutcome.NotFound, null);
            }

            switch (record.State)
            {
                case DeadLetterState.Deleted:
                    return (DeadLetterOutcome.Deleted, record);
                case DeadLetterState.Replayed:
                    // Asking again repeats the same generation's effect, which the instance ignores once it has it.
                    await ResumeAsync(record, cancellationToken);
                    return (DeadLetterOutcome.AlreadyReplayed, record);
            }

            if (!await CanResumeAsync(record, cancellationToken))
            {
                return (DeadLetterOutcome.NotReplayable, record);
            }

            var replayed = record with { State = DeadLetterState.Replayed, Generation = record.Generation + 1, ReplayedAt = time.GetUtcNow() };
            if (!await store.TryReplaceAsync(replayed, etag, cancellationToken))
            {
                continue;
            }

            await store.AddAuditAsync(id, new DeadLetterAuditEntry("Replayed", replayed.Generation, replayed.ReplayedAt!.Value, $"from stage {replayed.Stage}"), cancellationToken);
            foreach (var learning in replayed.Learnings)
            {
                await learnings.UpdateAsync(learning.ContributorId, learning.LearningId,
                    r => r.Status == LearningStatus.DeadLettered ? r with { Status = PublishStages.StatusOf(replayed.Stage), Reason = null } : r,
                    cancellationToken);
            }

            await ResumeAsync(replayed, cancellationToken);
            Log.DeadLetterReplayed(logger, id, replayed.Stage, replayed.Generation);
            return (DeadLetterOutcome.Done, replayed);
        }
    }

    /// <summary>The operator's delete: final; the reason is kept in the audit trail and the learnings end as Failed with it.</summary>
    public async Task<(DeadLetterOutcome Outcome, DeadLetterRecord? Record)> DeleteAsync(string id, string reason, CancellationToken cancellationToken)
    {
        while (true)
        {
            if (await store.FindAsync(id, cancellationToken) is not var (record, etag))
            {
                return (DeadLetterOutcome.NotFound, null);
            }

            if (record.State == DeadLetterState.Deleted)
            {
                return (DeadLetterOutcome.AlreadyDeleted, record);
            }

            var deleted = record with { State = DeadLetterState.Deleted, DeletedAt = time.GetUtcNow(), DeleteReason = reason };
            if (!await store.TryReplaceAsync(deleted, etag, cancellationToken))
            {
                continue;
            }

            await store.AddAuditAsync(id, new DeadLetterAuditEntry("Deleted", deleted.Generation, deleted.DeletedAt!.Value, reason), cancellationToken);
            var closing = $"Deleted from the dead letters by the operator: {reason}";
            foreach (var learning in deleted.Learnings)
            {
                await learnings.UpdateAsync(learning.ContributorId, learning.LearningId,
                    r => r.Status == LearningStatus.Rewarded ? r : r with { Status = LearningStatus.Failed, Reason = closing }, cancellationToken);
            }

            if (record.Kind == DeadLetterKind.Learning && record.State == DeadLetterState.Open)
            {
                // The orchestration is waiting for the operator: it closes the learning itself. (An event for an instance
                // that no longer exists is dropped by the engine; the learning is closed above.)
                await durable.RaiseEventAsync(record.InstanceId, DeadLetterService.DiscardEvent, closing, cancellationToken);
            }
            else
            {
                await TerminateIfRunningAsync(record.InstanceId, closing, cancellationToken);
                if (record.Kind == DeadLetterKind.Batch)
                {
                    // The batch's learnings wait for an anchor that will never come.
                    foreach (var learning in record.Learnings)
                    {
                        await TerminateIfRunningAsync(learning.LearningId, closing, cancellationToken);
                    }
                }
            }

            Log.DeadLetterDeleted(logger, id, reason);
            return (DeadLetterOutcome.Done, deleted);
        }
    }

    /// <summary>Lets the failed stage run again: an event to a waiting instance, or a fresh start of an instance the engine failed.</summary>
    private async Task ResumeAsync(DeadLetterRecord record, CancellationToken cancellationToken)
    {
        if (record.Kind != DeadLetterKind.Engine)
        {
            // Asked again after the instance finished and was purged, the engine drops the event: nothing left to resume.
            await durable.RaiseEventAsync(record.InstanceId, DeadLetterService.ReplayEvent, record.Generation, cancellationToken);
            return;
        }

        var instance = await durable.GetInstanceAsync(record.InstanceId, cancellation: cancellationToken);
        if (instance is { IsRunning: true } || (instance is not null && instance.CreatedAt >= record.ReplayedAt))
        {
            return; // Started again already (by an earlier call).
        }

        if (instance is not null)
        {
            await durable.PurgeInstanceAsync(record.InstanceId, cancellationToken);
        }

        object? input = record.Orchestration == nameof(PublishLearning) && record.Input is not null
            ? JsonSerializer.Deserialize<PublishInput>(record.Input, DurableJson)! with { ResumeFrom = record.Stage, Generation = record.Generation }
            : record.Input is null ? null : JsonSerializer.Deserialize<JsonElement>(record.Input);
        try
        {
            await durable.ScheduleNewOrchestrationInstanceAsync(record.Orchestration, input, new StartOrchestrationOptions(record.InstanceId), cancellationToken);
        }
        catch (OrchestrationAlreadyExistsException)
        {
            // Started concurrently by another replay call.
        }
    }

    /// <summary>A waiting instance must still exist to take the event; a failed one needs its orchestration's name to start again.</summary>
    private async Task<bool> CanResumeAsync(DeadLetterRecord record, CancellationToken cancellationToken) => record.Kind == DeadLetterKind.Engine
        ? record.Orchestration.Length > 0 && (record.Input is not null || record.Orchestration != nameof(PublishLearning))
        : await durable.GetInstanceAsync(record.InstanceId, cancellation: cancellationToken) is { IsRunning: true };

    private async Task TerminateIfRunningAsync(string instanceId, string reason, CancellationToken cancellationToken)
    {
        if (await durable.GetInstanceAsync(instanceId, cancellation: cancellationToken) is { IsRunning: true })
        {
            await durable.TerminateInstanceAsync(instanceId, reason, cancellationToken);
        }
    }
}
