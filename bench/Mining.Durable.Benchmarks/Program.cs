using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Mining.DevStack;
using Mining.Durable;
using Mining.Durable.AzureStorage;
using Mining.Durable.Backend;
using Mining.Durable.Benchmarks;

// Usage: dotnet run -c Release --project bench/Mining.Durable.Benchmarks [-- <azurite connection string>]
// Without an argument the dev stack is started (or reused) to get Azurite.
var connectionString = args.Length > 0 ? args[0] : (await new DevStackManager(DevStackOptions.ForRepository()).UpAsync()).Endpoints.AzuriteConnectionString;
var hub = "bench" + Guid.NewGuid().ToString("N")[..10];
var inv = CultureInfo.InvariantCulture;

var services = new ServiceCollection();
services.AddDurableTask(b =>
{
    b.AddActivityFunc<string, string>("Hello", (_, name) => Task.FromResult($"Hello {name}"));
    b.AddActivityFunc<int, long>("Stamp", (_, _) => Task.FromResult(Stopwatch.GetTimestamp()));
    b.AddActivityFunc<int, int>("Double", (_, i) => Task.FromResult(i * 2));
    b.AddOrchestratorFunc<string?, string[]>("HelloSequence5", async (ctx, _) =>
    [
        await ctx.CallActivityAsync<string>("Hello", "Tokyo"),
        await ctx.CallActivityAsync<string>("Hello", "Seattle"),
        await ctx.CallActivityAsync<string>("Hello", "London"),
        await ctx.CallActivityAsync<string>("Hello", "Cairo"),
        await ctx.CallActivityAsync<string>("Hello", "Lima"),
    ]);
    b.AddOrchestratorFunc<int, long[]>("Steps", async (ctx, n) =>
    {
        var stamps = new long[n];
        for (var i = 0; i < n; i++)
        {
            stamps[i] = await ctx.CallActivityAsync<long>("Stamp", i);
        }

        return stamps;
    });
    b.AddOrchestratorFunc<int, long>("FanOut", async (ctx, n) =>
        (await Task.WhenAll(Enumerable.Range(0, n).Select(i => ctx.CallActivityAsync<int>("Double", i)))).Sum(r => (long)r));
    b.Configure(o =>
    {
        o.MaxConcurrentActivityFunctions = 32;
        o.MaxConcurrentOrchestratorFunctions = 32;
        o.StorageProvider.PartitionCount = 4;
        o.StorageProvider.MaxQueuePollingInterval = TimeSpan.FromSeconds(1);
    });
    b.UseAzureStorage(o =>
    {
        o.ConnectionString = connectionString;
        o.TaskHubName = hub;
    });
});
await using var provider = services.BuildServiceProvider();
var worker = provider.GetServices<IHostedService>().Single();
await worker.StartAsync(CancellationToken.None);
var counter = provider.GetRequiredService<DurableTaskClient>().StorageOperations;

// The client has its own backend instance, so the worker's counter holds only the worker's storage operations.
var clientServices = new ServiceCollection();
clientServices.AddDurableTask(b =>
{
    b.RunWorker = false;
    b.Configure(o => o.StorageProvider.PartitionCount = 4);
    b.UseAzureStorage(o =>
    {
        o.ConnectionString = connectionString;
        o.TaskHubName = hub;
    });
});
await using var clientProvider = clientServices.BuildServiceProvider();
var client = clientProvider.GetRequiredService<DurableTaskClient>();

async Task<OrchestrationMetadata> RunAsync(string name, object? input)
{
    var id = await client.ScheduleNewOrchestrationInstanceAsync(name, input);
    return await client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true);
}

static double Percentile(IEnumerable<double> values, double p)
{
    var sorted = values.Order().ToArray();
    return sorted[(int)Math.Clamp(Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];
}

Console.WriteLine($"Mining.Durable benchmark on Azurite, one in-process worker, {Environment.ProcessorCount} cores, hub {hub}");
for (var i = 0; i < 5; i++)
{
    await RunAsync("HelloSequence5", null);
}

// 1. Sequential step latency: 50 activities in a row; a step is the time from one activity's run to the next one's.
var steps = await RunAsync("Steps", 50);
var stamps = steps.ReadOutputAs<long[]>()!;
var stepMs = stamps.Zip(stamps.Skip(1), (a, b) => Stopwatch.GetElapsedTime(a, b).TotalMilliseconds).ToArray();

// 2. Fan-out/fan-in of 100: schedule-to-completion, measured with the instance's own timestamps.
var fanOut = new List<double>();
for (var i = 0; i < 5; i++)
{
    var result = await RunAsync("FanOut", 100);
    fanOut.Add((result.LastUpdatedAt - result.CreatedAt).TotalMilliseconds);
}

// 3. HelloSequence5 throughput and storage operations per activity call.
const int Orchestrations = 200;
counter.Reset();
client.StorageOperations.Reset();
var wall = Stopwatch.StartNew();
var ids = new string[Orchestrations];
await Parallel.ForEachAsync(Enumerable.Range(0, Orchestrations), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, ct) =>
    ids[i] = await client.ScheduleNewOrchestrationInstanceAsync("HelloSequence5", null, null, ct));
var clientScheduleOpsOnly = client.StorageOperations.Total;
var completed = new List<OrchestrationMetadata>();
foreach (var id in ids)
{
    completed.Add(await client.WaitForInstanceCompletionAsync(id));
}

wall.Stop();
var opsTotal = counter.Total;
var opsEmpty = counter.EmptyReceives;
var span = completed.Max(c => c.LastUpdatedAt) - completed.Min(c => c.CreatedAt);
var throughput = Orchestrations / span.TotalSeconds;
var activityCalls = Orchestrations * 5.0;
var opsPerCall = (opsTotal - opsEmpty) / activityCalls;

// 4. The raw floor, measured in the same run against the same Azurite.
var floor = new RawFloor(connectionString, hub.ToLower(inv));
await floor.CreateAsync();
var floorSteps = new List<double>();
for (var i = 0; i < 50; i++)
{
    floorSteps.Add((await floor.CallAsync("floor-seq", i)).TotalMilliseconds);
}

var floorWall = Stopwatch.StartNew();
await Parallel.ForEachAsync(Enumerable.Range(0, Orchestrations), new ParallelOptions { MaxDegreeOfParallelism = 32 }, async (i, _) =>
{
    for (var s = 0; s < 5; s++)
    {
        await floor.CallAsync($"floor-{i}", s);
    }
});
floorWall.Stop();
var floorThroughput = Orchestrations / floorWall.Elapsed.TotalSeconds;

Console.WriteLine();
Console.WriteLine("| figure | engine | raw floor | ratio |");
Console.WriteLine("|---|---|---|---|");
Console.WriteLine(string.Create(inv, $"| storage operations per activity call (HelloSequence5, {Orchestrations} orchestrations) | {opsPerCall:F2} | {RawFloor.OperationsPerCall} | {opsPerCall / RawFloor.OperationsPerCall:F2}× |"));
Console.WriteLine(string.Create(inv, $"| … including the worker's idle polls of empty queues | {opsTotal / activityCalls:F2} | | |"));
Console.WriteLine(string.Create(inv, $"| … plus the client's start calls (3 per orchestration) | {(opsTotal - opsEmpty + clientScheduleOpsOnly) / activityCalls:F2} | | |"));
Console.WriteLine(string.Create(inv, $"| sequential step p50 / p90 (ms) | {Percentile(stepMs, 0.5):F1} / {Percentile(stepMs, 0.9):F1} | {Percentile(floorSteps, 0.5):F1} / {Percentile(floorSteps, 0.9):F1} | {Percentile(stepMs, 0.5) / Percentile(floorSteps, 0.5):F2}× |"));
Console.WriteLine(string.Create(inv, $"| HelloSequence5 orchestrations/s | {throughput:F1} | {floorThroughput:F1} | {throughput / floorThroughput:F2}× |"));
Console.WriteLine(string.Create(inv, $"| fan-out/fan-in of 100, p50 latency (ms) | {Percentile(fanOut, 0.5):F0} | | |"));
Console.WriteLine(string.Create(inv, $"(HelloSequence5 wall time including client polling: {wall.Elapsed.TotalSeconds:F1} s; table {counter.Table}, queue {counter.Queue} of which empty receives {opsEmpty}, blob {counter.Blob})"));

await worker.StopAsync(CancellationToken.None);
await ((AzureStorageBackend)provider.GetRequiredService<IDurableBackend>()).DeleteAsync(CancellationToken.None);
await floor.DeleteAsync();
