namespace Mining.Core.Preparation;

/// <summary>What the service adds to a document's provenance: its own version and the preparation time.</summary>
public sealed record PreparationContext(string ServiceVersion, DateTimeOffset PreparedAt)
{
    public static PreparationContext Now(string serviceVersion, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(clock);
        return new PreparationContext(serviceVersion, clock.GetUtcNow());
    }
}
