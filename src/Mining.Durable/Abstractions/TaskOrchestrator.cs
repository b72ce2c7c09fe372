namespace Mining.Durable;

/// <summary>An orchestration: code that schedules activities, timers and waits, rebuilt by replaying its history.</summary>
/// <remarks>Orchestrator code must be <b>deterministic</b>: given the same history it must take the same steps. Read the time
/// with <see cref="TaskOrchestrationContext.CurrentUtcDateTime"/>, make ids with <see cref="TaskOrchestrationContext.NewGuid"/>,
/// do I/O only in activities, never use <c>Task.Run</c>, <c>Task.Delay</c>, <c>ConfigureAwait(false)</c> or threads, and await only
/// tasks created by the context (or <c>Task.WhenAll</c>/<c>Task.WhenAny</c> over them). A replay that diverges fails the
/// instance with <see cref="NonDeterministicOrchestrationException"/>.</remarks>
public abstract class TaskOrchestrator<TInput, TOutput> : ITaskOrchestrator
{
    Type ITaskOrchestrator.InputType => typeof(TInput);

    public abstract Task<TOutput> RunAsync(TaskOrchestrationContext context, TInput input);

    async Task<object?> ITaskOrchestrator.RunAsync(TaskOrchestrationContext context, object? input) =>
        await RunAsync(context, (TInput)input!);
}
