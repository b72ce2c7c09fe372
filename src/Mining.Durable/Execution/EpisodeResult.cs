using Mining.Durable.History;

namespace Mining.Durable.Execution;

/// <summary>What one episode of an orchestration produced: history to append, messages to send, and the new state.</summary>
internal sealed record EpisodeResult(
    IReadOnlyList<HistoryEvent> NewHistory,
    IReadOnlyList<WorkMessage> Outbox,
    OrchestrationRuntimeStatus Status,
    string? Output,
    string? CustomStatus,
    TaskFailureDetails? Failure,
    ContinueAsNewRequest? ContinueAsNew)
{
    public bool IsTerminal => Status is OrchestrationRuntimeStatus.Completed or OrchestrationRuntimeStatus.Failed or OrchestrationRuntimeStatus.Terminated;
}

/// <summary>The next execution's input and the events carried over to it.</summary>
internal sealed record ContinueAsNewRequest(string? Input, IReadOnlyList<EventRaised> CarriedEvents);
