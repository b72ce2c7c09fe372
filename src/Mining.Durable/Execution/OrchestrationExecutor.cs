using Microsoft.Extensions.Logging;
using Mining.Durable.History;

namespace Mining.Durable.Execution;

/// <summary>Runs one episode: replays the recorded history through the orchestrator code, applies the new events,
/// and returns the new history, the messages to send and the resulting state.</summary>
/// <remarks>Pure with respect to storage: it reads nothing and writes nothing, so a crash at any point loses nothing.</remarks>
internal sealed class OrchestrationExecutor(DurableTaskRegistry registry, IServiceProvider services, DataConverter converter, ILoggerFactory loggerFactory)
{
    public EpisodeResult Execute(string instanceId, IReadOnlyList<HistoryEvent> past, IReadOnlyList<HistoryEvent> incoming)
    {
        var all = new List<HistoryEvent>(past.Count + incoming.Count);
        all.AddRange(past);
        all.AddRange(incoming);
        var started = all.OfType<ExecutionStarted>().FirstOrDefault();
        var earlyEnd = all.Select(AsTerminal).FirstOrDefault(e => e is not null);
        if (started is null)
        {
            return earlyEnd is null
                ? new EpisodeResult([.. incoming], [], OrchestrationRuntimeStatus.Pending, null, null, null, null)
                : End(incoming, earlyEnd, null, null);
        }

        var context = new ReplayOrchestrationContext(instanceId, started, converter, loggerFactory);
        var run = new Replay(context, registry.CreateOrchestrator(started.Name, services), converter);
        ExecutionCompleted? end;
        try
        {
            end = run.Walk(all, past.Count);
        }
        catch (NonDeterministicOrchestrationException nondeterminism)
        {
            end = new ExecutionCompleted(OrchestrationRuntimeStatus.Failed, null, TaskFailureDetails.FromException(nondeterminism));
        }

        if (end is not null && end.Status != OrchestrationRuntimeStatus.ContinuedAsNew)
        {
            var keep = end.Status == OrchestrationRuntimeStatus.Completed ? context.Actions.Skip(context.MatchedActions) : [];
            return End(incoming, end, started, context, keep);
        }

        var newActions = context.Actions.Skip(context.MatchedActions).ToList();
        var history = new List<HistoryEvent>(incoming);
        history.AddRange(newActions);
        var outbox = newActions.Select(a => ToMessage(instanceId, started, a)).ToList();
        if (end is not null)
        {
            history.Add(end);
            // Events that arrived in this episode after the code asked to continue were never delivered: they go to the
            // new execution with the buffered ones, so none is lost with the old history.
            var continuation = context.FinalContinueAsNew(all.Skip(run.Applied).OfType<EventRaised>());
            return new EpisodeResult(history, outbox, OrchestrationRuntimeStatus.ContinuedAsNew, null, context.CustomStatusJson, null, continuation);
        }

        var status = run.Suspended ? OrchestrationRuntimeStatus.Suspended : OrchestrationRuntimeStatus.Running;
        return new EpisodeResult(history, outbox, status, null, context.CustomStatusJson, null, null);
    }

    private static ExecutionCompleted? AsTerminal(HistoryEvent e) => e switch
    {
        ExecutionTerminated t => new ExecutionCompleted(OrchestrationRuntimeStatus.Terminated, t.Reason, null),
        ExecutionFailureRequested f => new ExecutionCompleted(
            OrchestrationRuntimeStatus.Failed,
            null,
            new TaskFailureDetails("Mining.Durable.PoisonMessage", f.Reason, null, null)),
        ExecutionCompleted c => c,
        _ => null,
    };

    private EpisodeResult End(IReadOnlyList<HistoryEvent> incoming, ExecutionCompleted end, ExecutionStarted? started, ReplayOrchestrationContext? context, IEnumerable<HistoryEvent>? keptActions = null)
    {
        var history = new List<HistoryEvent>(incoming);
        var outbox = new List<WorkMessage>();
        foreach (var action in keptActions ?? [])
        {
            history.Add(action);
            outbox.Add(ToMessage(context!.InstanceId, started!, action));
        }

        var output = end.Status == OrchestrationRuntimeStatus.Terminated ? converter.Serialize(end.Result) : end.Result;
        end = end with { Result = output };
        history.Add(end);
        if (started?.Parent is { } parent && context is not null)
        {
            HistoryEvent reply = end.Status == OrchestrationRuntimeStatus.Completed
                ? new SubOrchestrationCompleted(parent.TaskScheduledId, end.Result)
                : new SubOrchestrationFailed(parent.TaskScheduledId, end.Failure
                    ?? new TaskFailureDetails("Mining.Durable.Terminated", $"Sub-orchestration '{context.InstanceId}' was terminated: {end.Result}", null, null));
            outbox.Add(WorkMessage.Control(parent.InstanceId, parent.ExecutionId, reply));
        }

        return new EpisodeResult(history, outbox, end.Status, end.Result, context?.CustomStatusJson, end.Failure, null);
    }

    private static WorkMessage ToMessage(string instanceId, ExecutionStarted started, HistoryEvent action) => action switch
    {
        TaskScheduled t => new WorkMessage(Guid.NewGuid().ToString("N"), instanceId, started.ExecutionId, null, new ActivityRequest(t.Name, t.EventId, t.Input), null),
        TimerCreated t => WorkMessage.Control(instanceId, started.ExecutionId, new TimerFired(t.EventId, t.FireAt), t.FireAt),
        SubOrchestrationCreated s => WorkMessage.Control(
            s.InstanceId,
            null,
            new ExecutionStarted(s.Name, Guid.NewGuid().ToString("N"), s.Input, new ParentInstance(instanceId, started.ExecutionId, s.EventId, started.Name))),
        EventSent e => WorkMessage.Control(e.InstanceId, null, new EventRaised(e.Name, e.Input)),
        _ => throw new InvalidOperationException($"History event {action.GetType().Name} is not an action."),
    };
}
