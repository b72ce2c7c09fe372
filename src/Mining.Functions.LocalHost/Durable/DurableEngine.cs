using System.Text.Json;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Client.Grpc;
using Microsoft.DurableTask.Converters;
using Microsoft.DurableTask.Worker;
using Microsoft.DurableTask.Worker.Grpc;
using Microsoft.Extensions.Options;
using Mining.Functions.Hosting;
using Mining.Functions.Options;
using Mining.Functions.Rewards;
using Mining.Functions.Storage;

namespace Mining.Functions.LocalHost.Durable;

internal static class DurableEngine
{
    /// <summary>
    /// Payloads are JSON with the web defaults (camelCase), as the Functions app's serializer is configured, so a task
    /// hub's histories read the same under either host.
    /// </summary>
    public static readonly JsonSerializerOptions PayloadJson = new(JsonSerializerDefaults.Web);

    /// <summary>
    /// The engine (<see cref="DurableSidecar"/>), the gRPC worker running the service's workflows and the gRPC client,
    /// configured from <c>host.json</c>'s <c>extensions:durableTask</c> and <c>AzureWebJobsStorage</c>.
    /// </summary>
    public static IServiceCollection AddDurableEngine(this IServiceCollection services, IConfiguration configuration) =>
        services.AddDurableEngine(configuration, (tasks, sp) => tasks.AddMiningWorkflows(
            sp.GetRequiredService<IOptions<PublishingOptions>>(),
            sp.GetRequiredService<IOptions<RewardsOptions>>(),
            sp.GetRequiredService<IOptions<AvailabilityOptions>>()));

    /// <summary>The engine, worker and client as above, running the orchestrations and activities <paramref name="addTasks"/> registers.</summary>
    public static IServiceCollection AddDurableEngine(
        this IServiceCollection services, IConfiguration configuration, Action<DurableTaskRegistry, IServiceProvider> addTasks)
    {
        var options = DurableEngineOptions.From(configuration);
        services.AddKeyedSingleton<StorageRequestCounter>(StorageRequestCounter.EngineKey);
        services.AddSingleton(sp => new DurableSidecar(
            options,
            sp.GetRequiredService<IOptions<ServiceOptions>>().Value.AzureWebJobsStorage!,
            sp.GetRequiredKeyedService<StorageRequestCounter>(StorageRequestCounter.EngineKey),
            sp.GetRequiredService<ILoggerFactory>()));
        services.AddHostedService<DurableSidecarService>();
        var converter = new JsonDataConverter(PayloadJson);
        services.AddDurableTaskWorker(worker =>
        {
            worker.UseGrpc();
            services.AddOptions<GrpcDurableTaskWorkerOptions>(worker.Name)
                .Configure<DurableSidecar>((o, sidecar) => o.Channel = sidecar.Channel);
            services.AddOptions<DurableTaskRegistry>(worker.Name).Configure<IServiceProvider>((tasks, sp) => addTasks(tasks, sp));
            worker.Configure(o =>
            {
                o.DataConverter = converter;
                o.Concurrency.MaximumConcurrentActivityWorkItems = options.MaxConcurrentActivities;
                o.Concurrency.MaximumConcurrentOrchestrationWorkItems = options.MaxConcurrentOrchestrations;
            });
        });
        services.AddDurableTaskClient(client =>
        {
            client.UseGrpc();
            services.AddOptions<GrpcDurableTaskClientOptions>(client.Name)
                .Configure<DurableSidecar>((o, sidecar) => o.Channel = sidecar.Channel);
            client.Configure(o => o.DataConverter = converter);
        });
        return services;
    }
}
