namespace Mining.Durable;

/// <summary>An instance the engine failed because a message for it could not be processed.</summary>
/// <param name="InstanceId">The failed instance.</param>
/// <param name="Name">The orchestration name (empty if the instance never started).</param>
/// <param name="Reason">What kept failing.</param>
/// <param name="AttemptCount">How many times the message was delivered.</param>
/// <param name="MessageId">The message given up on; a stable key for idempotent recording.</param>
public sealed record OrchestrationFailure(string InstanceId, string Name, string Reason, int AttemptCount, string MessageId);
