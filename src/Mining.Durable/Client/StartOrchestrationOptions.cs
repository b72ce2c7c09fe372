namespace Mining.Durable;

/// <summary>How to start an instance.</summary>
/// <param name="InstanceId">The instance id; a new GUID when null. Must not contain '/', '\', '#', '?' or control characters.</param>
/// <param name="StartAt">Start no earlier than this time.</param>
public sealed record StartOrchestrationOptions(string? InstanceId = null, DateTimeOffset? StartAt = null)
{
    /// <summary>When true, starting an id that is already pending, running or suspended returns that id instead of throwing.</summary>
    public bool ReturnExistingIfRunning { get; init; }
}
