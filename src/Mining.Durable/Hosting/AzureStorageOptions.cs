namespace Mining.Durable;

/// <summary>Where the Azure Storage backend keeps the task hub. Unset values fall back to <see cref="DurableTaskOptions"/>.</summary>
public sealed class AzureStorageOptions
{
    /// <summary>A storage connection string (Azurite: the dev stack's). Never logged.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>Overrides <see cref="DurableTaskOptions.HubName"/>.</summary>
    public string? TaskHubName { get; set; }

    /// <summary>Overrides <see cref="DurableStorageProviderOptions.PartitionCount"/>.</summary>
    public int? PartitionCount { get; set; }
}
