using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using DurableTask.AzureStorage;
using DurableTask.Core;
using DurableTask.Core.History;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Worker;
using Microsoft.DurableTask.Worker.Shims;
using Mining.Functions.Hosting;
using Mining.Functions.Storage;

namespace Mining.Functions.LocalHost.Durable;

/// <summary>
/// The Durable Task engine in process, as the Durable Functions host runs it: the Durable Task Framework's
/// <see cref="TaskHubWorker"/> (its orchestration and activity dispatchers) on the Azure Storage backend
/// (<see cref="AzureStorageOrchestrationService"/>), running the service's <c>TaskOrchestrator</c> and
/// <c>TaskActivity</c> classes through the Durable Task SDK's shims.
/// </summary>
/// <remarks>
/// Hosts that share a storage account and task hub share the work: the backend spreads the hub's partitions (control
/// queues) over them with blob leases, so each orchestration runs on one host at a time. The engine's storage requests,
/// orchestration episodes and activity executions are counted by the counters given.
/// </remarks>
internal sealed class AzureStorageEngine : IHostedService, IDisposable
{
    private readonly TaskHubWorker _worker;
    private Task? _stopping;

    public AzureStorageEngine(
        DurableEngineOptions options,
        string connectionString,
        IReadOnlyList<WorkflowTask<ITaskOrchestrator>> orchestrators,
        IReadOnlyList<WorkflowTask<ITaskActivity>> activities,
        DataConverter converter,
        StorageRequestCounter requests,
        EngineWorkCounter work,
        IServiceProvider services,
        ILoggerFactory logs)
    {
        Service = new AzureStorageOrchestrationService(new AzureStorageOrchestrationServiceSettings
        {
            TaskHubName = options.HubName,
            PartitionCount = options.PartitionCount,
            MaxConcurrentTaskActivityWorkItems = options.MaxConcurrentActivities,
            MaxConcurrentTaskOrchestrationWorkItems = options.MaxConcurrentOrchestrations,
            MaxQueuePollingInterval = options.MaxQueuePollingInterval,
            ControlQueueVisibilityTimeout = options.ControlQueueVisibilityTimeout,
            WorkItemQueueVisibilityTimeout = options.WorkItemQueueVisibilityTimeout,
            // Each process its own worker: the partition leases are held per worker id, and the default (the machine name)
            // would make several hosts on one machine all think they own every partition.
            WorkerId = $"{Environment.MachineName}-{Environment.ProcessId}",
            LoggerFactory = logs,
            StorageAccountClientProvider = new StorageAccountClientProvider(
                StorageServiceClientProvider.ForBlob(connectionString, requests.Counting(new BlobClientOptions())),
                StorageServiceClientProvider.ForQueue(connectionString, requests.Counting(new QueueClientOptions())),
                StorageServiceClientProvider.ForTable(connectionString, requests.Counting(new TableClientOptions()))),
        });
        var shims = new DurableTaskShimFactory(new DurableTaskWorkerOptions { DataConverter = converter }, logs);
        _worker = new TaskHubWorker(Service, logs);
        _worker.AddTaskOrchestrations([.. orchestrators.Select(o => new Creator<TaskOrchestration>(o.Name, () => shims.CreateOrchestration(o.Name, o.Create(services))))]);
        _worker.AddTaskActivities([.. activities.Select(a => new Creator<TaskActivity>(a.Name, () => shims.CreateActivity(a.Name, a.Create(services))))]);
        _worker.AddOrchestrationDispatcherMiddleware((context, next) =>
        {
            work.CountEpisode(context.GetProperty<OrchestrationRuntimeState>()?.Name ?? "(unknown)");
            return next();
        });
        _worker.AddActivityDispatcherMiddleware((context, next) =>
        {
            work.CountActivityCall(context.GetProperty<TaskScheduledEvent>()?.Name ?? "(unknown)");
            return next();
        });
    }

    /// <summary>The backend, which is also the client's (<see cref="EngineClient"/>).</summary>
    public AzureStorageOrchestrationService Service { get; }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await Service.CreateIfNotExistsAsync();
        await _worker.StartAsync();
    }

    /// <summary>
    /// Stops taking work and gives the partition leases back, so another host takes over at once. Work items still
    /// running are abandoned, not awaited: their messages come back and run again (activities are idempotent).
    /// </summary>
    /// <remarks>Stopping again (a host stopped twice) returns the first stop: the worker cannot be stopped twice.</remarks>
    public Task StopAsync(CancellationToken cancellationToken) => _stopping ??= _worker.StopAsync(isForced: true);

    /// <summary>Releases the worker once it has stopped (a host that gave up waiting for the stop leaves it to finish).</summary>
    public void Dispose()
    {
        if (_stopping is null || _stopping.IsCompleted)
        {
            _worker.Dispose();
        }
    }

    /// <summary>Makes a fresh orchestrator or activity for each execution, as the framework asks.</summary>
    private sealed class Creator<T> : ObjectCreator<T>
    {
        private readonly Func<T> _create;

        public Creator(string name, Func<T> create)
        {
            Name = name;
            Version = string.Empty;
            _create = create;
        }

        public override T Create() => _create();
    }
}
