namespace Mining.Durable;

/// <summary>The orchestration code no longer produces the steps its recorded history says it took.</summary>
/// <remarks>The instance is failed with this error; deploy orchestration changes under a new orchestration name or after the running instances finish.</remarks>
public sealed class NonDeterministicOrchestrationException : Exception
{
    public NonDeterministicOrchestrationException()
    {
    }

    public NonDeterministicOrchestrationException(string message)
        : base(message)
    {
    }

    public NonDeterministicOrchestrationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
