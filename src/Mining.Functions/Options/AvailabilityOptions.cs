namespace Mining.Functions.Options;

/// <summary>The availability monitor: how often published CIDs are checked again on the gateways (section <c>Availability</c>).</summary>
internal sealed class AvailabilityOptions : IValidatedOptions
{
    /// <summary>When false the monitor is not started (and a running one is stopped at start-up).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Time between the end of one round over all published learnings and the start of the next.</summary>
    public TimeSpan CheckInterval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Learnings checked at the same time within a round.</summary>
    public int MaxParallelChecks { get; set; } = 16;

    public IEnumerable<string> Validate()
    {
        if (CheckInterval < TimeSpan.FromSeconds(1))
        {
            yield return $"{ValidatedOptionsExtensions.Setting("Availability:CheckInterval")} must be a time span of at least one second, e.g. 01:00:00 (hourly).";
        }

        if (MaxParallelChecks is < 1 or > 64)
        {
            yield return $"{ValidatedOptionsExtensions.Setting("Availability:MaxParallelChecks")} must be between 1 and 64, e.g. 16.";
        }
    }
}
