using Mining.Durable.History;

namespace Mining.Durable.Execution;

/// <summary>The replay side of the context: matching recorded actions and delivering results.</summary>
internal sealed partial class ReplayOrchestrationContext
{
    /// <summary>Confirms that the code took the step history recorded next, or throws naming the step that diverged.</summary>
    public void MatchRecordedAction(HistoryEvent recorded)
    {
        var step = MatchedActions;
        if (step >= _actions.Count)
        {
            throw new NonDeterministicOrchestrationException(
                $"Non-deterministic orchestration '{Name}' (instance '{InstanceId}'): history step {step} is {Describe(recorded)}, "
                + "but the orchestration code did not take that step on replay. Orchestration code changed while instances were running, "
                + "or it uses a non-deterministic API; see the determinism rules on TaskOrchestrator.");
        }

        var taken = _actions[step];
        if (!SameStep(taken, recorded))
        {
            throw new NonDeterministicOrchestrationException(
                $"Non-deterministic orchestration '{Name}' (instance '{InstanceId}'): history step {step} is {Describe(recorded)}, "
                + $"but on replay the orchestration code did {Describe(taken)}. Orchestration code changed while instances were running, "
                + "or it uses a non-deterministic API; see the determinism rules on TaskOrchestrator.");
        }

        MatchedActions++;
    }

    /// <summary>Applies a result or event from history to the code waiting for it.</summary>
    public void Deliver(HistoryEvent historyEvent)
    {
        switch (historyEvent)
        {
            case TaskCompleted completed:
                Complete(completed.TaskScheduledId, completed.Result);
                break;
            case SubOrchestrationCompleted completed:
                Complete(completed.TaskScheduledId, completed.Result);
                break;
            case TimerFired fired:
                Complete(fired.TimerId, null);
                break;
            case TaskFailed failed:
                Fail(failed.TaskScheduledId, failed.Failure);
                break;
            case SubOrchestrationFailed failed:
                Fail(failed.TaskScheduledId, failed.Failure);
                break;
            case EventRaised raised:
                Raise(raised);
                break;
            default:
                break;
        }
    }

    private void Complete(int id, string? result)
    {
        if (_open.Remove(id, out var open))
        {
            open.Completion.TrySetResult(result);
        }
    }

    private void Fail(int id, TaskFailureDetails failure)
    {
        if (_open.Remove(id, out var open))
        {
            open.Completion.TrySetException(new TaskFailedException(open.Name, id, failure));
        }
    }

    private void Raise(EventRaised raised)
    {
        if (_waiters.TryGetValue(raised.Name, out var queue))
        {
            while (queue.TryDequeue(out var waiter))
            {
                if (waiter.TrySetResult(raised.Input))
                {
                    return;
                }
            }
        }

        _buffered.Add(raised);
    }

    private static bool SameStep(HistoryEvent taken, HistoryEvent recorded) => (taken, recorded) switch
    {
        (TaskScheduled a, TaskScheduled b) => string.Equals(a.Name, b.Name, StringComparison.OrdinalIgnoreCase),
        (SubOrchestrationCreated a, SubOrchestrationCreated b) => string.Equals(a.Name, b.Name, StringComparison.OrdinalIgnoreCase),
        (TimerCreated, TimerCreated) => true,
        (EventSent a, EventSent b) => string.Equals(a.Name, b.Name, StringComparison.OrdinalIgnoreCase)
            && string.Equals(a.InstanceId, b.InstanceId, StringComparison.Ordinal),
        _ => false,
    };

    internal static string Describe(HistoryEvent step) => step switch
    {
        TaskScheduled s => $"CallActivity '{s.Name}'",
        SubOrchestrationCreated s => $"CallSubOrchestrator '{s.Name}'",
        TimerCreated t => $"CreateTimer (fire at {t.FireAt:O})",
        EventSent s => $"SendEvent '{s.Name}' to '{s.InstanceId}'",
        _ => step.GetType().Name,
    };
}
