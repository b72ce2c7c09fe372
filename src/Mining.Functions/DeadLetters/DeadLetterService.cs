using System.Globalization;
using Mining.Functions.Learnings;
using Mining.Functions.Logging;
using Mining.Functions.Operations;

namespace Mining.Functions.DeadLetters;

/// <summary>
/// Records failures as dead letters (idempotent: the same failure recorded again changes nothing), marks their
/// learnings DeadLettered and alerts the operator once per record and generation. The operator's replay and delete are
/// <c>DeadLetterReplay</c>'s (Replay/), which knows the orchestrations it resumes.
/// </summary>
internal sealed class DeadLetterService(
    DeadLetterStore store, LearningStore learnings, OperatorAlerts alerts, TimeProvider time, ILogger<DeadLetterService> logger)
{
    public const string ReplayEvent = "Replay";
    public const string DiscardEvent = "Discard";

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

    private static bool IsOver(LearningStatus status) =>
        status is LearningStatus.Rewarded or LearningStatus.Rejected or LearningStatus.Expired or LearningStatus.Failed or LearningStatus.LocalOnly;
}
