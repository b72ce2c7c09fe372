using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Mining.Durable;
using Mining.Durable.AzureStorage;
using Mining.Durable.Backend;
using Mining.Durable.TestWorker;

// Usage: Mining.Durable.TestWorker <connection-string> <hub> <marker-directory> [crash-after-commits]
var connectionString = args[0];
var hub = args[1];
var markers = args[2];
var crashAfter = args.Length > 3 ? int.Parse(args[3], System.Globalization.CultureInfo.InvariantCulture) : 0;

var builder = Host.CreateApplicationBuilder();
builder.Logging.SetMinimumLevel(LogLevel.Warning);
builder.Services.AddDurableTask(b =>
{
    WorkerOrchestrations.Register(b, markers);
    b.Configure(o =>
    {
        o.StorageProvider.PartitionCount = 4;
        o.StorageProvider.MaxQueuePollingInterval = TimeSpan.FromMilliseconds(200);
        o.StorageProvider.WorkItemQueueVisibilityTimeout = TimeSpan.FromSeconds(4);
        o.StorageProvider.ControlQueueVisibilityTimeout = TimeSpan.FromSeconds(4);
    });
    b.UseAzureStorage(o =>
    {
        o.ConnectionString = connectionString;
        o.TaskHubName = hub;
    });
});
if (crashAfter > 0)
{
    builder.Services.AddSingleton<IDurableBackend>(sp => new CrashingBackend(AzureStorageBackend.Create(sp), crashAfter));
}

using var host = builder.Build();
await host.StartAsync();
await Console.Out.WriteLineAsync("worker started");
await host.WaitForShutdownAsync();
