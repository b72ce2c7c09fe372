namespace Mining.Durable;

/// <summary>The untyped shape of an orchestrator, used by the replay executor.</summary>
public interface ITaskOrchestrator
{
    Type InputType { get; }

    Task<object?> RunAsync(TaskOrchestrationContext context, object? input);
}
