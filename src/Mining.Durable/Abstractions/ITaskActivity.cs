namespace Mining.Durable;

/// <summary>The untyped shape of an activity, used by the worker.</summary>
public interface ITaskActivity
{
    Type InputType { get; }

    Task<object?> RunAsync(TaskActivityContext context, object? input);
}
