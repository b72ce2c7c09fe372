namespace Mining.Durable.Execution;

/// <summary>Runs orchestrator continuations one at a time on the replaying thread, in the order they were posted.</summary>
/// <remarks>This is what makes replay deterministic: no continuation runs on the thread pool, and after each history event
/// the executor drains the queue so the code has taken every step that event allows before the next event is applied.</remarks>
internal sealed class OrchestrationSynchronizationContext : SynchronizationContext
{
    private readonly Queue<(SendOrPostCallback Callback, object? State)> _queue = new();

    public override void Post(SendOrPostCallback d, object? state) => _queue.Enqueue((d, state));

    public override void Send(SendOrPostCallback d, object? state) =>
        throw new NotSupportedException("Orchestrator code must not block on the orchestration thread.");

    public override SynchronizationContext CreateCopy() => this;

    /// <summary>Runs <paramref name="action"/> with this context current, then every continuation it caused.</summary>
    public void Run(Action action)
    {
        var previous = Current;
        SetSynchronizationContext(this);
        try
        {
            action();
            while (_queue.TryDequeue(out var work))
            {
                work.Callback(work.State);
            }
        }
        finally
        {
            SetSynchronizationContext(previous);
        }
    }
}
