using System.Text.Json.Serialization;

namespace Mining.Durable.History;

/// <summary>One recorded fact in an orchestration's event-sourced history.</summary>
/// <remarks>The event records are kept together in this file: each is a one-line shape, and the set is the history format.
/// <see cref="MessageId"/> is set on events that arrived as a queue message, so redelivered messages are recognised and dropped.</remarks>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "$t")]
[JsonDerivedType(typeof(OrchestratorStarted), "os")]
[JsonDerivedType(typeof(ExecutionStarted), "es")]
[JsonDerivedType(typeof(TaskScheduled), "ts")]
[JsonDerivedType(typeof(TaskCompleted), "tc")]
[JsonDerivedType(typeof(TaskFailed), "tf")]
[JsonDerivedType(typeof(SubOrchestrationCreated), "sc")]
[JsonDerivedType(typeof(SubOrchestrationCompleted), "sd")]
[JsonDerivedType(typeof(SubOrchestrationFailed), "sf")]
[JsonDerivedType(typeof(TimerCreated), "tmc")]
[JsonDerivedType(typeof(TimerFired), "tmf")]
[JsonDerivedType(typeof(EventSent), "evs")]
[JsonDerivedType(typeof(EventRaised), "evr")]
[JsonDerivedType(typeof(ExecutionSuspended), "sus")]
[JsonDerivedType(typeof(ExecutionResumed), "res")]
[JsonDerivedType(typeof(ExecutionTerminated), "ter")]
[JsonDerivedType(typeof(ExecutionFailureRequested), "fail")]
[JsonDerivedType(typeof(ExecutionCompleted), "end")]
internal abstract record HistoryEvent
{
    public string? MessageId { get; init; }
}

/// <summary>Starts an episode; its timestamp is the orchestration's current time during that episode.</summary>
internal sealed record OrchestratorStarted(DateTimeOffset Timestamp) : HistoryEvent;

internal sealed record ParentInstance(string InstanceId, string ExecutionId, int TaskScheduledId, string Name);

internal sealed record ExecutionStarted(string Name, string ExecutionId, string? Input, ParentInstance? Parent) : HistoryEvent;

internal sealed record TaskScheduled(int EventId, string Name, string? Input) : HistoryEvent;

internal sealed record TaskCompleted(int TaskScheduledId, string? Result) : HistoryEvent;

internal sealed record TaskFailed(int TaskScheduledId, TaskFailureDetails Failure) : HistoryEvent;

internal sealed record SubOrchestrationCreated(int EventId, string Name, string InstanceId, string? Input) : HistoryEvent;

internal sealed record SubOrchestrationCompleted(int TaskScheduledId, string? Result) : HistoryEvent;

internal sealed record SubOrchestrationFailed(int TaskScheduledId, TaskFailureDetails Failure) : HistoryEvent;

internal sealed record TimerCreated(int EventId, DateTimeOffset FireAt) : HistoryEvent;

internal sealed record TimerFired(int TimerId, DateTimeOffset FireAt) : HistoryEvent;

internal sealed record EventSent(int EventId, string InstanceId, string Name, string? Input) : HistoryEvent;

internal sealed record EventRaised(string Name, string? Input) : HistoryEvent;

internal sealed record ExecutionSuspended(string? Reason) : HistoryEvent;

internal sealed record ExecutionResumed(string? Reason) : HistoryEvent;

internal sealed record ExecutionTerminated(string? Reason) : HistoryEvent;

/// <summary>The engine gave up on a message for this instance (poison) and fails it with <paramref name="Reason"/>.</summary>
internal sealed record ExecutionFailureRequested(string Reason, int Attempts) : HistoryEvent;

internal sealed record ExecutionCompleted(OrchestrationRuntimeStatus Status, string? Result, TaskFailureDetails? Failure) : HistoryEvent;
