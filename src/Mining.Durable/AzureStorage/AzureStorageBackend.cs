using System.Globalization;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Mining.Durable.Backend;

namespace Mining.Durable.AzureStorage;

/// <summary>The Azure Storage backend: tables <c>{hub}Instances</c> and <c>{hub}Timers</c> (parked timers), queues <c>{hub}-control-NN</c> and <c>{hub}-workitems</c>,
/// blob container <c>{hub}-payloads</c> (hub name lower-cased for queues and blobs).</summary>
internal sealed class AzureStorageBackend : IDurableBackend
{
    private readonly AzureWorkQueue[] _control;
    private readonly AzureWorkQueue _activities;
    private readonly AzureInstanceStore _store;
    private readonly AzureParkedMessages _parked;
    private readonly PayloadBlobs _blobs;
    private readonly Lazy<Task> _created;

    public AzureStorageBackend(string connectionString, string hubName, int partitionCount, TimeProvider time)
    {
        if (!DurableTaskOptionsValidator.IsValidHubName(hubName))
        {
            throw new ArgumentException($"Task hub name '{hubName}' must be 3–45 letters or digits starting with a letter.", nameof(hubName));
        }

        var lower = hubName.ToLower(CultureInfo.InvariantCulture);
        var queueOptions = new QueueClientOptions { MessageEncoding = QueueMessageEncoding.None };
        _blobs = new PayloadBlobs(new BlobContainerClient(connectionString, $"{lower}-payloads"), Operations);
        _store = new AzureInstanceStore(new TableClient(connectionString, $"{hubName}Instances"), _blobs, Operations);
        _parked = new AzureParkedMessages(new TableClient(connectionString, $"{hubName}Timers"), Operations);
        _control = Enumerable.Range(0, partitionCount)
            .Select(p => new AzureWorkQueue(new QueueClient(connectionString, $"{lower}-control-{p:D2}", queueOptions), _blobs, time, Operations))
            .ToArray();
        _activities = new AzureWorkQueue(new QueueClient(connectionString, $"{lower}-workitems", queueOptions), _blobs, time, Operations);
        PartitionCount = partitionCount;
        _created = new Lazy<Task>(() => CreateAsync(CancellationToken.None));
    }

    public IInstanceStore Instances => _store;

    public int PartitionCount { get; }

    public IWorkQueue ActivityQueue => _activities;

    public IParkedMessages ParkedMessages => _parked;

    public TimeSpan MaxMessageDelay { get; } = TimeSpan.FromDays(7) - TimeSpan.FromMinutes(5);

    public StorageOperationCounter Operations { get; } = new();

    public IWorkQueue ControlQueue(int partition) => _control[partition];

    public static AzureStorageBackend Create(IServiceProvider services)
    {
        var engine = services.GetRequiredService<IOptions<DurableTaskOptions>>().Value;
        var azure = services.GetRequiredService<IOptions<AzureStorageOptions>>().Value;
        var connectionString = azure.ConnectionString is { Length: > 0 } cs
            ? cs
            : throw new OptionsValidationException(nameof(AzureStorageOptions), typeof(AzureStorageOptions), ["UseAzureStorage needs ConnectionString (the storage account or Azurite connection string)."]);
        return new AzureStorageBackend(
            connectionString,
            azure.TaskHubName ?? engine.HubName,
            azure.PartitionCount ?? engine.StorageProvider.PartitionCount,
            services.GetRequiredService<TimeProvider>());
    }

    public Task CreateIfNotExistsAsync(CancellationToken cancellationToken)
    {
        if (_created.Value.IsFaulted)
        {
            return CreateAsync(cancellationToken);
        }

        return _created.Value;
    }

    /// <summary>Deletes every table, queue and container of the task hub (tests and benchmarks).</summary>
    public async Task DeleteAsync(CancellationToken cancellationToken)
    {
        await _store.Table.DeleteAsync(cancellationToken);
        await _parked.Table.DeleteAsync(cancellationToken);
        await _blobs.Container.DeleteIfExistsAsync(cancellationToken: cancellationToken);
        foreach (var queue in _control.Append(_activities))
        {
            await queue.Client.DeleteIfExistsAsync(cancellationToken);
        }
    }

    private async Task CreateAsync(CancellationToken cancellationToken)
    {
        await _store.Table.CreateIfNotExistsAsync(cancellationToken);
        await _parked.Table.CreateIfNotExistsAsync(cancellationToken);
        await _blobs.Container.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        foreach (var queue in _control.Append(_activities))
        {
            await queue.Client.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        }
    }
}
