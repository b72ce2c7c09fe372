namespace Mining.Durable;

/// <summary>Called when the engine gives up on a message that kept failing and fails its instance; the app records it in its dead-letter store.</summary>
/// <remarks>Called at least once per give-up (again if the worker crashes before the message is deleted), so implementations must be idempotent by <see cref="OrchestrationFailure.MessageId"/>.</remarks>
public interface IOrchestrationFailureSink
{
    Task OnGaveUpAsync(OrchestrationFailure failure, CancellationToken cancellationToken);
}
