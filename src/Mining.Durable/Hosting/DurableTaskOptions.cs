namespace Mining.Durable;

/// <summary>Engine settings, named as in host.json's <c>extensions:durableTask</c> section so the app can bind that section.</summary>
public sealed class DurableTaskOptions
{
    /// <summary>host.json <c>hubName</c>: the task hub; names the tables, queues and blob container. Letters and digits, 3–45 characters, starting with a letter.</summary>
    public string HubName { get; set; } = "MiningHub";

    /// <summary>host.json <c>maxConcurrentActivityFunctions</c>: activities run at once per worker.</summary>
    public int MaxConcurrentActivityFunctions { get; set; } = 10;

    /// <summary>host.json <c>maxConcurrentOrchestratorFunctions</c>: orchestration episodes run at once per worker.</summary>
    public int MaxConcurrentOrchestratorFunctions { get; set; } = 10;

    /// <summary>host.json <c>storageProvider</c>.</summary>
    public DurableStorageProviderOptions StorageProvider { get; set; } = new();
}
