using System.Text.Json;
using Azure.Core.Serialization;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Mining.Functions.Hosting;

namespace Mining.Functions.App;

internal static class FunctionsAppServices
{
    /// <summary>
    /// JSON with the web defaults (camelCase) for payloads, as the local host's data converter, so a task hub's histories read
    /// the same under either host.
    /// </summary>
    public static readonly JsonSerializerOptions PayloadJson = new(JsonSerializerDefaults.Web);

    /// <summary>
    /// The service (<see cref="MiningService.AddMiningService"/>) as the Functions app runs it: its Durable Task client is the
    /// one the host binds to each invocation, and its HTTP endpoints run through <see cref="HttpPipeline"/>.
    /// </summary>
    public static IServiceCollection AddFunctionsApp(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddMiningService(configuration);
        services.Configure<WorkerOptions>(worker => worker.Serializer = new JsonObjectSerializer(PayloadJson));
        services.AddSingleton<DurableClientSlot>();
        services.AddSingleton<DurableTaskClient, ForwardingDurableClient>();
        HttpPipeline.AddHttpPipeline(services);
        return services;
    }
}
