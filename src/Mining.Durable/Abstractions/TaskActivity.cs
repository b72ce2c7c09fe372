namespace Mining.Durable;

/// <summary>A unit of work called by orchestrations. Activities may do I/O and use the clock freely.</summary>
/// <remarks>Activities run <b>at least once</b>: a crash after the work but before its completion is recorded runs it again,
/// so an activity must be idempotent (key side effects by <see cref="TaskActivityContext.InstanceId"/> and
/// <see cref="TaskActivityContext.TaskId"/> or by a business key).</remarks>
public abstract class TaskActivity<TInput, TOutput> : ITaskActivity
{
    Type ITaskActivity.InputType => typeof(TInput);

    public abstract Task<TOutput> RunAsync(TaskActivityContext context, TInput input);

    async Task<object?> ITaskActivity.RunAsync(TaskActivityContext context, object? input) =>
        await RunAsync(context, (TInput)input!).ConfigureAwait(false);
}
