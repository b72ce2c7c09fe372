using Microsoft.Extensions.Logging;

namespace Mining.Durable;

/// <summary>The orchestration's only door to time, ids and work. Everything it returns is recorded and replayed.</summary>
/// <remarks>See <see cref="TaskOrchestrator{TInput,TOutput}"/> for the determinism rules.</remarks>
public abstract class TaskOrchestrationContext
{
    public abstract string InstanceId { get; }

    public abstract string Name { get; }

    /// <summary>The time the current episode started, the same on every replay.</summary>
    public abstract DateTime CurrentUtcDateTime { get; }

    /// <summary>True while the code is re-running steps already in history.</summary>
    public abstract bool IsReplaying { get; }

    public abstract Task<T> CallActivityAsync<T>(string name, object? input = null, TaskOptions? options = null);

    public Task CallActivityAsync(string name, object? input = null, TaskOptions? options = null) =>
        CallActivityAsync<object?>(name, input, options);

    public abstract Task<T> CallSubOrchestratorAsync<T>(string orchestratorName, object? input = null, TaskOptions? options = null);

    public Task CallSubOrchestratorAsync(string orchestratorName, object? input = null, TaskOptions? options = null) =>
        CallSubOrchestratorAsync<object?>(orchestratorName, input, options);

    /// <summary>A durable timer: survives restarts and may be longer than a queue's visibility limit.</summary>
    public abstract Task CreateTimer(DateTime fireAt, CancellationToken cancellationToken);

    public Task CreateTimer(TimeSpan delay, CancellationToken cancellationToken) =>
        CreateTimer(CurrentUtcDateTime + delay, cancellationToken);

    /// <summary>Waits for an event raised to this instance. Events raised before the wait are buffered and delivered in order.</summary>
    public abstract Task<T> WaitForExternalEvent<T>(string eventName, CancellationToken cancellationToken = default);

    /// <summary>Waits for an event, ending with <see cref="TaskCanceledException"/> when <paramref name="timeout"/> passes first.</summary>
    public abstract Task<T> WaitForExternalEvent<T>(string eventName, TimeSpan timeout, CancellationToken cancellationToken = default);

    public abstract void SendEvent(string instanceId, string eventName, object? payload);

    public abstract void SetCustomStatus(object? customStatus);

    /// <summary>A GUID that is the same on every replay.</summary>
    public abstract Guid NewGuid();

    /// <summary>Ends this execution when the orchestrator returns and starts a fresh one (new, empty history) with <paramref name="newInput"/>.</summary>
    public abstract void ContinueAsNew(object? newInput = null, bool preserveUnprocessedEvents = true);

    public abstract T? GetInput<T>();

    /// <summary>A logger that writes only when the code is not replaying.</summary>
    public abstract ILogger CreateReplaySafeLogger(string categoryName);
}
