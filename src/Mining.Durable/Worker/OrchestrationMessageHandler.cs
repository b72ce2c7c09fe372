using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Mining.Durable.Backend;
using Mining.Durable.Execution;
using Mining.Durable.History;

namespace Mining.Durable.Worker;

/// <summary>Handles the control messages of one instance: load, replay, commit the episode with its outbox, dispatch, delete.</summary>
/// <remarks>Crash-safe at every step: messages are deleted only after their episode is committed and its outbox dispatched
/// (the delete and the clearing of the outbox flag run together: if only the delete lands, the outbox is sent again and deduplicated);
/// a redelivered message finds its event already in history and is dropped; an outbox left undispatched by a crash is
/// sent by whichever worker next loads the instance.</remarks>
internal sealed partial class OrchestrationMessageHandler(
    IDurableBackend backend,
    MessageDispatcher dispatcher,
    OrchestrationExecutor executor,
    ActivityMessageHandler activities,
    WorkerSlots slots,
    InstanceCache cache,
    IOptions<DurableTaskOptions> options,
    IOrchestrationFailureSink sink,
    TimeProvider time,
    ILogger<OrchestrationMessageHandler> logger)
{
    private int MaxDequeueCount => options.Value.StorageProvider.MaxDequeueCount;

    /// <summary>Whether the instance's episodes go ahead of others' for a slot (its orchestration is a priority one, as far as this worker knows it).</summary>
    public bool IsPriority(string instanceId) => slots.IsPriority(cache.Get(instanceId)?.Record.Name);

    /// <summary>Handles messages that all belong to one instance and came from <paramref name="queue"/>.</summary>
    public async Task HandleAsync(IWorkQueue queue, IReadOnlyList<ReceivedMessage> messages, CancellationToken cancellationToken)
    {
        var instanceId = messages[0].Message.InstanceId;
        var live = new List<ReceivedMessage>();
        foreach (var message in messages)
        {
            if (message.DequeueCount > MaxDequeueCount + 2)
            {
                var reason = $"Control message {message.Message.Id} for instance '{instanceId}' could not be processed even to fail the instance after {message.DequeueCount} deliveries; deleted.";
                await sink.OnGaveUpAsync(new OrchestrationFailure(instanceId, string.Empty, reason, message.DequeueCount, message.Message.Id), cancellationToken);
                await queue.DeleteAsync(message, cancellationToken);
            }
            else
            {
                live.Add(message);
            }
        }

        if (live.Count == 0)
        {
            return;
        }

        try
        {
            await ProcessAsync(queue, instanceId, live, cancellationToken);
        }
        catch (ConcurrencyConflictException)
        {
            cache.Remove(instanceId);
            LogConflict(logger, instanceId);
            await AbandonAllAsync(queue, live, TimeSpan.FromMilliseconds(200));
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            cache.Remove(instanceId);
            LogEpisodeFailed(logger, ex, instanceId);
            await AbandonAllAsync(queue, live, TimeSpan.FromSeconds(1));
        }
    }

    private async Task ProcessAsync(IWorkQueue queue, string instanceId, IReadOnlyList<ReceivedMessage> messages, CancellationToken cancellationToken)
    {
        var store = backend.Instances;
        var snapshot = cache.Get(instanceId) ?? await store.LoadAsync(instanceId, cancellationToken);
        if (snapshot is { Record.OutboxPending: true })
        {
            await dispatcher.SendAllAsync(snapshot.PendingOutbox, cancellationToken);
            var etag = await store.MarkOutboxDispatchedAsync(snapshot.Record, snapshot.ETag, cancellationToken)
                ?? throw new ConcurrencyConflictException($"Instance '{instanceId}' changed while its outbox was being recovered.");
            snapshot = snapshot with { Record = snapshot.Record with { OutboxPending = false }, ETag = etag, PendingOutbox = [] };
        }

        var now = time.GetUtcNow();
        var record = snapshot?.Record;
        var seen = SeenMessages.From(snapshot?.History ?? []);
        var incoming = new List<HistoryEvent>();
        var giveUps = new List<OrchestrationFailure>();
        ExecutionStarted? newExecution = null;
        foreach (var received in messages)
        {
            var message = received.Message;
            if (message.NotBefore is { } notBefore && notBefore > now)
            {
                await dispatcher.SendAsync(message, cancellationToken);
                continue;
            }

            var e = message.Event!;
            if (received.DequeueCount > MaxDequeueCount)
            {
                var reason = $"Control message {Describe(e)} for instance '{instanceId}' was delivered {received.DequeueCount} times without being processed; giving up.";
                e = new ExecutionFailureRequested(reason, received.DequeueCount) { MessageId = message.Id };
            }

            if (!Accept(record, seen, message, e, ref newExecution))
            {
                LogDropped(logger, instanceId, e.GetType().Name);
                var runningStart = snapshot?.History.OfType<ExecutionStarted>().FirstOrDefault();
                if (e is ExecutionStarted { Parent: { } parent } rejected && record is { IsTerminal: false } && runningStart is not null
                    && !string.Equals(rejected.ExecutionId, record.ExecutionId, StringComparison.Ordinal) && runningStart.Parent != parent)
                {
                    var clash = new TaskFailureDetails(
                        typeof(OrchestrationAlreadyExistsException).FullName!,
                        $"Sub-orchestration instance '{instanceId}' is already {record.Status}; choose another instance id.",
                        null,
                        null);
                    await dispatcher.SendAsync(WorkMessage.Control(parent.InstanceId, parent.ExecutionId, new SubOrchestrationFailed(parent.TaskScheduledId, clash)), cancellationToken);
                }

                continue;
            }

            if (e is ExecutionFailureRequested failure)
            {
                giveUps.Add(new OrchestrationFailure(instanceId, record?.Name ?? string.Empty, failure.Reason, failure.Attempts, message.Id));
            }

            seen.Add(e);
            incoming.Add(e);
        }

        if (incoming.Count > 0)
        {
            await CommitEpisodeAsync(queue, messages, instanceId, snapshot, newExecution, incoming, now, cancellationToken);
        }
        else
        {
            await Task.WhenAll(messages.Select(m => queue.DeleteAsync(m, cancellationToken)));
        }

        foreach (var giveUp in giveUps)
        {
            await sink.OnGaveUpAsync(giveUp, cancellationToken);
        }
    }

    private static bool Accept(InstanceRecord? record, SeenMessages seen, WorkMessage message, HistoryEvent e, ref ExecutionStarted? newExecution)
    {
        if (e is ExecutionStarted start)
        {
            if (newExecution is not null)
            {
                return false;
            }

            var isNew = record is null
                || (string.Equals(start.ExecutionId, record.ExecutionId, StringComparison.Ordinal) && !seen.Started)
                || (record.IsTerminal && !string.Equals(start.ExecutionId, record.ExecutionId, StringComparison.Ordinal) && start.Parent is not null);
            if (isNew)
            {
                newExecution = start;
            }

            return isNew;
        }

        if (record is null)
        {
            return newExecution is not null && message.ExecutionId is null && !seen.Contains(e);
        }

        if (newExecution is not null && !string.Equals(newExecution.ExecutionId, record.ExecutionId, StringComparison.Ordinal))
        {
            return message.ExecutionId is null && !seen.Contains(e);
        }

        return !record.IsTerminal
            && (message.ExecutionId is null || string.Equals(message.ExecutionId, record.ExecutionId, StringComparison.Ordinal))
            && !seen.Contains(e);
    }

    private async Task CommitEpisodeAsync(
        IWorkQueue queue, IReadOnlyList<ReceivedMessage> messages, string instanceId, InstanceSnapshot? snapshot, ExecutionStarted? newExecution,
        List<HistoryEvent> incoming, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var record = snapshot?.Record;
        var replacesExecution = newExecution is not null && record is not null
            && !string.Equals(newExecution.ExecutionId, record.ExecutionId, StringComparison.Ordinal);
        if (record is null || replacesExecution)
        {
            record = new InstanceRecord
            {
                InstanceId = instanceId,
                Name = newExecution!.Name,
                ExecutionId = newExecution.ExecutionId,
                Status = OrchestrationRuntimeStatus.Pending,
                CreatedAt = now,
                Input = newExecution.Input,
            };
        }

        var past = replacesExecution || snapshot is null ? [] : snapshot.History;
        var leases = new List<MessageLease>();
        EpisodeResult result;
        List<WorkMessage> outbox;
        try
        {
            (result, outbox) = await ExecuteAsync(
                queue, messages, leases, instanceId, slots.IsPriority(record.Name), past, [new OrchestratorStarted(now), .. incoming]);
        }
        finally
        {
            foreach (var lease in leases)
            {
                await lease.DisposeAsync();
            }
        }

        // Leases renewed while activities ran inline changed the messages' receipts.
        var received = leases.Count == 0 ? messages : [.. leases.Select(l => l.Current)];
        Task deleteMessages() => Task.WhenAll(received.Select(m => queue.DeleteAsync(m, cancellationToken)));
        var updated = record with
        {
            Status = result.Status,
            Output = result.Output,
            CustomStatus = result.CustomStatus ?? record.CustomStatus,
            Failure = result.Failure,
            LastUpdatedAt = now,
            Episode = record.Episode + 1,
        };
        var executionId = record.ExecutionId;
        if (result.ContinueAsNew is { } continuation)
        {
            var parent = past.Concat(incoming).OfType<ExecutionStarted>().FirstOrDefault()?.Parent;
            var next = Guid.NewGuid().ToString("N");
            outbox.Add(WorkMessage.Control(instanceId, null, new ExecutionStarted(record.Name, next, continuation.Input, parent)));
            outbox.AddRange(continuation.CarriedEvents.Select(e => WorkMessage.Control(instanceId, null, e)));
            updated = updated with { ExecutionId = next, Status = OrchestrationRuntimeStatus.Running, Input = continuation.Input, Output = null, Episode = 0 };
        }

        updated = updated with { OutboxPending = outbox.Count > 0 };
        var etag = await backend.Instances.CommitAsync(
            new EpisodeCommit(updated, snapshot?.ETag, executionId, record.Episode, result.NewHistory, outbox),
            cancellationToken);
        List<HistoryEvent> history = result.ContinueAsNew is null ? [.. past, .. result.NewHistory] : [];
        var committed = new InstanceSnapshot(updated, history, etag, outbox);
        cache.Set(committed);
        if (outbox.Count > 0)
        {
            await dispatcher.SendAllAsync(outbox, cancellationToken);
            var marking = backend.Instances.MarkOutboxDispatchedAsync(updated, etag, cancellationToken);
            await Task.WhenAll(marking, deleteMessages());
            var dispatchedETag = await marking;
            if (dispatchedETag is null)
            {
                cache.Remove(instanceId);
            }
            else
            {
                cache.Set(committed with { Record = updated with { OutboxPending = false }, ETag = dispatchedETag, PendingOutbox = [] });
            }
        }
        else
        {
            await deleteMessages();
        }

        if (updated.IsTerminal)
        {
            cache.Remove(instanceId);
        }

        var obsolete = result.ContinueAsNew is not null ? executionId : replacesExecution ? snapshot!.Record.ExecutionId : null;
        if (obsolete is not null)
        {
            await backend.Instances.DeleteExecutionAsync(instanceId, obsolete, cancellationToken);
        }
    }

    /// <summary>
    /// Runs the episode; with <see cref="DurableTaskOptions.MaxInlineActivities"/> on, also runs the activities it schedules
    /// (a few at a time, registered here) and the orchestration's reaction to their results, round after round, before
    /// anything is committed. Returns the combined result (all the new history) and the messages left to send.
    /// </summary>
    private async Task<(EpisodeResult Result, List<WorkMessage> Outbox)> ExecuteAsync(
        IWorkQueue queue, IReadOnlyList<ReceivedMessage> messages, List<MessageLease> leases, string instanceId, bool priority,
        IReadOnlyList<HistoryEvent> past, IReadOnlyList<HistoryEvent> incoming)
    {
        var settings = options.Value;
        var result = executor.Execute(instanceId, past, incoming);
        var outbox = new List<WorkMessage>();
        var history = new List<HistoryEvent>(result.NewHistory);
        var customStatus = result.CustomStatus;
        for (var round = 0; ; round++)
        {
            var inline = result.Status == OrchestrationRuntimeStatus.Running && round < MaxInlineRounds
                ? result.Outbox.Where(activities.CanRun).ToList()
                : [];
            if (inline.Count == 0 || inline.Count > settings.MaxInlineActivities)
            {
                outbox.AddRange(result.Outbox);
                break;
            }

            outbox.AddRange(result.Outbox.Where(m => !activities.CanRun(m)));
            if (leases.Count == 0)
            {
                // The messages stay invisible while the activities run, however long they take.
                leases.AddRange(messages.Select(m => new MessageLease(queue, m, settings.StorageProvider.ControlQueueVisibilityTimeout, time)));
            }

            var outcomes = await RunInlineAsync(inline, priority);
            result = executor.Execute(instanceId, [.. past, .. history], [new OrchestratorStarted(time.GetUtcNow()), .. outcomes]);
            history.AddRange(result.NewHistory);
            customStatus = result.CustomStatus ?? customStatus;
        }

        return (result with { NewHistory = history, CustomStatus = customStatus }, outbox);
    }

    /// <summary>
    /// Runs activities inline, each in an activity slot, with this episode's slot given back meanwhile (the caller holds
    /// one, and the instance's lock, which keeps other episodes of this instance waiting without a slot).
    /// </summary>
    private async Task<HistoryEvent[]> RunInlineAsync(IReadOnlyList<WorkMessage> inline, bool priority)
    {
        slots.Orchestrations.Release();
        try
        {
            return await Task.WhenAll(inline.Select(async message =>
            {
                await slots.Activities.WaitAsync(priority);
                try
                {
                    return await activities.RunInlineAsync(message);
                }
                finally
                {
                    slots.Activities.Release();
                }
            }));
        }
        finally
        {
            await slots.Orchestrations.WaitAsync(priority);
        }
    }

    /// <summary>How many rounds of inline activities one episode runs at most before it commits.</summary>
    private const int MaxInlineRounds = 16;

    private async Task AbandonAllAsync(IWorkQueue queue, IEnumerable<ReceivedMessage> messages, TimeSpan delay)
    {
        foreach (var message in messages)
        {
            try
            {
                await queue.AbandonAsync(message, delay, CancellationToken.None);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogAbandonFailed(logger, ex, message.Message.InstanceId);
            }
        }
    }

    private static string Describe(HistoryEvent e) => e.GetType().Name;

    [LoggerMessage(Level = LogLevel.Debug, Message = "Instance {InstanceId} changed under this worker; its messages will be retried")]
    private static partial void LogConflict(ILogger logger, string instanceId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Episode of instance {InstanceId} failed; its messages will be retried")]
    private static partial void LogEpisodeFailed(ILogger logger, Exception exception, string instanceId);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Could not release a message of instance {InstanceId}; it reappears when its lease expires")]
    private static partial void LogAbandonFailed(ILogger logger, Exception exception, string instanceId);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Dropped {Event} for instance {InstanceId}: duplicate, stale or for a finished instance")]
    private static partial void LogDropped(ILogger logger, string instanceId, string @event);
}
