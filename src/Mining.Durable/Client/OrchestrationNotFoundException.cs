namespace Mining.Durable;

/// <summary>No instance has that id (it never existed or was purged).</summary>
public sealed class OrchestrationNotFoundException : InvalidOperationException
{
    public OrchestrationNotFoundException()
    {
    }

    public OrchestrationNotFoundException(string message)
        : base(message)
    {
    }

    public OrchestrationNotFoundException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
