using System.Globalization;
using System.Text.Json;
using DurableTask.Core.Exceptions;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Mining.Functions.Hosting;
using Mining.Functions.Learnings;
using Mining.Functions.Operations;
using Mining.Functions.Publishing;
using Mining.Functions.Telemetry;

namespace Mining.Functions.DeadLetters;

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
/// Records failures as dead letters (idempotent: the same failure recorded again changes nothing), marks their
/// learnings DeadLettered, alerts the operator once per record and generation, and carries out the operator's replay
/// (the failed stage runs again) and delete (the learnings end as Failed with the operator's reason).
/// </summary>
internal sealed class DeadLetterService(
    DeadLetterStore store, LearningStore learnings, OperatorAlerts alerts, DurableTaskClient durable, TimeProvider time, ILogger<DeadLetterService> logger)
{
    public const string ReplayEvent = "Replay";
    public const string DiscardEvent = "Discard";

    private static readonly JsonSerializerOptions DurableJson = new(JsonSerializerDefaults.Web);

    /// <summary>Records <paramref name="failure"/>: creates the record, or opens it again for a replay that failed.</summary>
    public async Task<DeadLetterRecord> RecordAsync(DeadLetterFailure failure, CancellationToken cancellationToken)
    {
        var id = DeadLetterRecord.IdFor(failure.InstanceId);
        DeadLetterRecord record;
        var opened = false;
        while (true)
        {
            var found = await store.FindAsync(id, cancellationToken);
            if (found is null)
            {
                record = New(id, failure);
                if (await store.TryAddAsync(record, cancellationToken))
                {
                    opened = true;
                    break;
                }

                continue;
            }

            var (existing, etag) = found.Value;
            var changed = Apply(existing, failure);
            if (changed is null || await store.TryReplaceAsync(changed, etag, cancellationToken))
            {
                record = changed ?? existing;
                opened = existing.State != DeadLetterState.Open && record.State == DeadLetterState.Open;
                break;
            }
        }

        if (opened)
        {
            PipelineTelemetry.DeadLetterOpened(failure.Stage, failure.Kind.ToString());
        }

        if (record.State == DeadLetterState.Open)
        {
            await OpenedAsync(record, cancellationToken);
        }

        return record;
    }

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
                await durable.RaiseEventAsync(record.InstanceId, DiscardEvent, closing, cancellationToken);
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

    private DeadLetterRecord New(string id, DeadLetterFailure failure)
    {
        var single = failure.Kind != DeadLetterKind.Batch && failure.Learnings.Count == 1 ? failure.Learnings[0] : null;
        return new DeadLetterRecord
        {
            Id = id,
            Kind = failure.Kind,
            InstanceId = failure.InstanceId,
            Orchestration = failure.Orchestration,
            LearningId = single?.LearningId,
            BatchId = failure.BatchId,
            ContributorId = single?.ContributorId,
            Cid = single?.Cid,
            Learnings = failure.Learnings,
            Stage = failure.Stage,
            Error = failure.Error,
            Attempts = failure.Attempts,
            FailedAt = time.GetUtcNow(),
            State = DeadLetterState.Open,
            Generation = failure.Generation,
            MessageId = failure.MessageId,
            Input = failure.Input,
        };
    }

    /// <summary>The record after <paramref name="failure"/>, or null when the failure is already recorded (or stale, or the record is deleted).</summary>
    private DeadLetterRecord? Apply(DeadLetterRecord existing, DeadLetterFailure failure)
    {
        if (existing.State == DeadLetterState.Deleted || (failure.MessageId is not null && failure.MessageId == existing.MessageId))
        {
            return null;
        }

        var now = time.GetUtcNow();
        if (failure.Kind == DeadLetterKind.Engine)
        {
            // The engine failed the instance: whatever it was waiting for, only a restart brings it back.
            return existing with
            {
                Kind = DeadLetterKind.Engine, State = DeadLetterState.Open, Orchestration = failure.Orchestration,
                Stage = existing.State == DeadLetterState.Open ? existing.Stage : failure.Stage,
                Error = failure.Error, Attempts = failure.Attempts, FailedAt = now, MessageId = failure.MessageId, Input = failure.Input ?? existing.Input,
            };
        }

        if (failure.Generation < existing.Generation || (existing.State == DeadLetterState.Open && failure.Generation == existing.Generation))
        {
            return null;
        }

        // The replay of this generation failed again (at the same stage or a later one).
        return existing with
        {
            Kind = failure.Kind, State = DeadLetterState.Open, Generation = failure.Generation, Stage = failure.Stage, Error = failure.Error,
            Attempts = failure.Attempts, FailedAt = now, Learnings = failure.Learnings.Count > 0 ? failure.Learnings : existing.Learnings,
        };
    }

    /// <summary>Everything that follows an open record, each part idempotent: learnings DeadLettered, audit entry, one alert.</summary>
    private async Task OpenedAsync(DeadLetterRecord record, CancellationToken cancellationToken)
    {
        var reason = $"Dead-lettered at {record.Stage} after {record.Attempts} attempt(s): {record.Error} "
            + $"(dead letter {record.Id}: the operator can replay it from this stage or delete it).";
        foreach (var learning in record.Learnings)
        {
            await learnings.UpdateAsync(learning.ContributorId, learning.LearningId,
                r => IsOver(r.Status) ? r : r with { Status = LearningStatus.DeadLettered, Reason = reason }, cancellationToken);
        }

        await store.AddAuditAsync(record.Id, new DeadLetterAuditEntry(
            record.Generation == 0 ? "Created" : "Reopened", record.Generation, record.FailedAt, $"{record.Kind} at {record.Stage}: {record.Error}"), cancellationToken);
        var what = record.Kind switch
        {
            DeadLetterKind.Batch => $"batch {record.BatchId} ({record.Learnings.Count} learning(s))",
            _ when record.LearningId is not null => $"learning {record.LearningId} (CID {record.Cid})",
            _ => $"instance {record.InstanceId} ({record.Orchestration})",
        };
        var subject = $"Dead letter {record.Id}: {what} failed at {record.Stage}";
        var body = string.Join('\n',
            $"{what} failed at stage {record.Stage} after {record.Attempts} attempt(s) and waits for you.",
            string.Empty,
            $"Error: {record.Error}",
            $"Kind: {record.Kind}; generation {record.Generation}; failed at {record.FailedAt:u}.",
            string.Empty,
            $"Replay it from this stage: POST /api/deadletters/{record.Id}/replay",
            $"Or give it up: DELETE /api/deadletters/{record.Id} with {{\"reason\": \"...\"}}",
            "(operator key in X-Api-Key).");
        var key = string.Create(CultureInfo.InvariantCulture, $"deadletter:{record.Id}:{record.Generation}");
        if (await alerts.SendOnceAsync(new OperatorAlert(key, subject, body), cancellationToken))
        {
            await store.AddAuditAsync(record.Id, new DeadLetterAuditEntry("Alerted", record.Generation, time.GetUtcNow(), subject), cancellationToken);
        }

        Log.DeadLettered(logger, record.Id, record.Kind.ToString(), record.Stage, record.Attempts, record.Error);
    }

    /// <summary>Lets the failed stage run again: an event to a waiting instance, or a fresh start of an instance the engine failed.</summary>
    private async Task ResumeAsync(DeadLetterRecord record, CancellationToken cancellationToken)
    {
        if (record.Kind != DeadLetterKind.Engine)
        {
            // Asked again after the instance finished and was purged, the engine drops the event: nothing left to resume.
            await durable.RaiseEventAsync(record.InstanceId, ReplayEvent, record.Generation, cancellationToken);
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

    private static bool IsOver(LearningStatus status) =>
        status is LearningStatus.Rewarded or LearningStatus.Rejected or LearningStatus.Expired or LearningStatus.Failed or LearningStatus.LocalOnly;
}
