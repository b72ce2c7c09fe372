using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;

namespace Mining.Durable;

/// <summary>Configures the engine inside <see cref="DurableTaskServiceCollectionExtensions.AddDurableTask"/>.</summary>
public sealed class DurableTaskBuilder
{
    internal DurableTaskBuilder(IServiceCollection services)
    {
        Services = services;
    }

    public IServiceCollection Services { get; }

    public DurableTaskRegistry Registry { get; } = new();

    internal Func<IServiceProvider, Backend.IDurableBackend>? BackendFactory { get; private set; }

    internal JsonSerializerOptions? JsonOptions { get; private set; }

    /// <summary>When false, only the client is registered (no hosted worker polls in this process).</summary>
    public bool RunWorker { get; set; } = true;

    public DurableTaskBuilder AddOrchestrator<T>()
        where T : class, ITaskOrchestrator
    {
        Registry.AddOrchestrator<T>();
        return this;
    }

    public DurableTaskBuilder AddActivity<T>()
        where T : class, ITaskActivity
    {
        Registry.AddActivity<T>();
        return this;
    }

    public DurableTaskBuilder AddOrchestratorFunc<TInput, TOutput>(string name, Func<TaskOrchestrationContext, TInput, Task<TOutput>> orchestrator)
    {
        Registry.AddOrchestratorFunc(name, orchestrator);
        return this;
    }

    public DurableTaskBuilder AddActivityFunc<TInput, TOutput>(string name, Func<TaskActivityContext, TInput, Task<TOutput>> activity)
    {
        Registry.AddActivityFunc(name, activity);
        return this;
    }

    public DurableTaskBuilder Configure(Action<DurableTaskOptions> configure)
    {
        Services.Configure(configure);
        return this;
    }

    /// <summary>JSON options for inputs, outputs, event payloads and custom status.</summary>
    public DurableTaskBuilder UseJsonOptions(JsonSerializerOptions options)
    {
        JsonOptions = options;
        return this;
    }

    /// <summary>Keeps the task hub in Azure Storage tables, queues and blobs (Azurite locally).</summary>
    public DurableTaskBuilder UseAzureStorage(Action<AzureStorageOptions> configure)
    {
        Services.Configure(configure);
        BackendFactory = AzureStorage.AzureStorageBackend.Create;
        return this;
    }

    /// <summary>Keeps the task hub in process memory (tests); nothing survives the process.</summary>
    /// <param name="maxMessageDelay">The longest queue delay to simulate; longer timers are re-sent, as with Azure's 7-day limit.</param>
    public DurableTaskBuilder UseInMemory(TimeSpan? maxMessageDelay = null)
    {
        BackendFactory = sp => new InMemory.InMemoryBackend(
            sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<DurableTaskOptions>>().Value.StorageProvider.PartitionCount,
            sp.GetRequiredService<TimeProvider>(),
            maxMessageDelay);
        return this;
    }
}
