using System.Text.Json;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Converters;
using Microsoft.Extensions.Options;
using Mining.Functions.Hosting;
using Mining.Functions.Options;
using Mining.Functions.Storage;

namespace Mining.Functions.LocalHost.Durable;

internal static class DurableEngine
{
    /// <summary>
    /// Payloads are JSON with the web defaults (camelCase), as the Functions app's serializer is configured, so a task
    /// hub's histories read the same under either host.
    /// </summary>
    public static readonly DataConverter PayloadConverter = new JsonDataConverter(new JsonSerializerOptions(JsonSerializerDefaults.Web));

    /// <summary>
    /// The engine (<see cref="AzureStorageEngine"/>) running the service's workflows (<see cref="Workflows"/>) and the
    /// client (<see cref="EngineClient"/>), configured from <c>host.json</c>'s <c>extensions:durableTask</c> and
    /// <c>AzureWebJobsStorage</c>.
    /// </summary>
    public static IServiceCollection AddDurableEngine(this IServiceCollection services, IConfiguration configuration) =>
        services.AddDurableEngine(configuration, Workflows.Orchestrators, Workflows.Activities);

    /// <summary>The engine and client as above, running the orchestrators and activities given.</summary>
    public static IServiceCollection AddDurableEngine(
        this IServiceCollection services,
        IConfiguration configuration,
        IReadOnlyList<WorkflowTask<ITaskOrchestrator>> orchestrators,
        IReadOnlyList<WorkflowTask<ITaskActivity>> activities)
    {
        // Checked now, so a wrong host.json setting stops the host before it starts; read again from the host's final
        // configuration when the engine is built, which also holds sources added after this call (a test host's).
        DurableEngineOptions.From(configuration);
        services.AddKeyedSingleton<StorageRequestCounter>(StorageRequestCounter.EngineKey);
        services.AddSingleton<EngineWorkCounter>();
        services.AddSingleton(sp => new AzureStorageEngine(
            DurableEngineOptions.From(sp.GetService<IConfiguration>() ?? configuration),
            sp.GetRequiredService<IOptions<ServiceOptions>>().Value.AzureWebJobsStorage!,
            orchestrators,
            activities,
            PayloadConverter,
            sp.GetRequiredKeyedService<StorageRequestCounter>(StorageRequestCounter.EngineKey),
            sp.GetRequiredService<EngineWorkCounter>(),
            sp,
            sp.GetRequiredService<ILoggerFactory>()));
        services.AddHostedService(sp => sp.GetRequiredService<AzureStorageEngine>());
        services.AddSingleton<DurableTaskClient>(sp => new EngineClient(sp.GetRequiredService<AzureStorageEngine>(), PayloadConverter));
        return services;
    }
}
