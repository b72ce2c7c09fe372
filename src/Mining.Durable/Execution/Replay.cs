using Mining.Durable.History;

namespace Mining.Durable.Execution;

/// <summary>One walk of the orchestrator code over a history, event by event.</summary>
internal sealed class Replay(ReplayOrchestrationContext context, ITaskOrchestrator? orchestrator, DataConverter converter)
{
    private readonly OrchestrationSynchronizationContext _thread = new();
    private readonly List<HistoryEvent> _deferred = [];
    private Task<object?>? _code;

    public bool Suspended { get; private set; }

    /// <summary>How many events the last walk applied (fewer than it was given when the execution ended early).</summary>
    public int Applied { get; private set; }

    /// <summary>Walks <paramref name="events"/>; returns how the execution ended, or null if it is still waiting.</summary>
    public ExecutionCompleted? Walk(IReadOnlyList<HistoryEvent> events, int replayCount)
    {
        for (var i = 0; i < events.Count; i++)
        {
            context.Replaying = i < replayCount;
            Applied = i + 1;
            var end = Apply(events[i]) ?? Ended();
            if (end is not null)
            {
                return end;
            }
        }

        return null;
    }

    private ExecutionCompleted? Apply(HistoryEvent e)
    {
        switch (e)
        {
            case OrchestratorStarted os:
                context.Now = os.Timestamp;
                return null;
            case ExecutionStarted started:
                return Start(started);
            case ExecutionSuspended:
                Suspended = true;
                return null;
            case ExecutionResumed:
                Suspended = false;
                foreach (var deferred in _deferred)
                {
                    _thread.Run(() => context.Deliver(deferred));
                }

                _deferred.Clear();
                return null;
            case ExecutionTerminated t:
                return new ExecutionCompleted(OrchestrationRuntimeStatus.Terminated, t.Reason, null);
            case ExecutionFailureRequested f:
                return new ExecutionCompleted(OrchestrationRuntimeStatus.Failed, null, new TaskFailureDetails("Mining.Durable.PoisonMessage", f.Reason, null, null));
            case ExecutionCompleted c:
                return c;
            case TaskScheduled or TimerCreated or SubOrchestrationCreated or EventSent:
                context.MatchRecordedAction(e);
                return null;
            default:
                if (Suspended || (_code is null && e is not EventRaised))
                {
                    _deferred.Add(e);
                }
                else
                {
                    _thread.Run(() => context.Deliver(e));
                }

                return null;
        }
    }

    private ExecutionCompleted? Start(ExecutionStarted started)
    {
        if (orchestrator is null)
        {
            return new ExecutionCompleted(
                OrchestrationRuntimeStatus.Failed,
                null,
                new TaskFailureDetails(
                    "Mining.Durable.OrchestratorNotFound",
                    $"No orchestrator named '{started.Name}' is registered in this worker; register it with AddOrchestrator.",
                    null,
                    null));
        }

        object? input;
        try
        {
            input = converter.Deserialize(started.Input, orchestrator.InputType);
        }
        catch (System.Text.Json.JsonException ex)
        {
            return new ExecutionCompleted(OrchestrationRuntimeStatus.Failed, null, TaskFailureDetails.FromException(ex));
        }

        _thread.Run(() => _code = orchestrator.RunAsync(context, input));
        return null;
    }

    private ExecutionCompleted? Ended()
    {
        if (_code is null || !_code.IsCompleted)
        {
            return null;
        }

        if (_code.IsCompletedSuccessfully)
        {
            return context.ContinueAsNewRequest is not null
                ? new ExecutionCompleted(OrchestrationRuntimeStatus.ContinuedAsNew, null, null)
                : new ExecutionCompleted(OrchestrationRuntimeStatus.Completed, converter.Serialize(_code.Result), null);
        }

        var error = _code.Exception?.InnerException ?? new TaskCanceledException("The orchestrator code was canceled.");
        if (error is NonDeterministicOrchestrationException)
        {
            throw error;
        }

        return new ExecutionCompleted(OrchestrationRuntimeStatus.Failed, null, TaskFailureDetails.FromException(error));
    }
}
