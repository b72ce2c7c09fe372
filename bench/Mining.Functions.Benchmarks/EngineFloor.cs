using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Mining.Functions.Hosting;
using Mining.Functions.LocalHost.Durable;
using Mining.Functions.Options;
using Mining.Functions.Storage;

namespace Mining.Functions.Benchmarks;

/// <summary>What the engine alone did: HelloSequence5 orchestrations a second, and its episodes and activity calls each.</summary>
internal sealed record FloorFigures(int Orchestrations, double PerSecond, double EpisodesEach, double ActivityCallsEach);

/// <summary>
/// The engine's own floor, measured in the same run as the pipeline: a number of HelloSequence5 orchestrations
/// (five activities in sequence, the engine's classic throughput test) started at once on the run's Azurite, with the
/// engine the local host runs (<see cref="DurableEngine"/>: the same backend, <c>host.json</c> settings and payload
/// converter) in a task hub of their own. Throughput is the count over the time from the first start to the last
/// completion (the instances table's last-updated time).
/// </summary>
internal static class EngineFloor
{
    private const int Concurrency = 8;

    public static async Task<FloorFigures> RunAsync(string root, string connectionString, string hub, int count, CancellationToken cancellationToken)
    {
        var configuration = new ConfigurationBuilder()
            .AddJsonFile(Path.Combine(root, "host.json"))
            .AddInMemoryCollection(new Dictionary<string, string?> { [$"{DurableEngineOptions.Section}:hubName"] = hub })
            .Build();
        var services = new ServiceCollection()
            .AddLogging()
            .AddSingleton(TimeProvider.System)
            .AddSingleton(Microsoft.Extensions.Options.Options.Create(new ServiceOptions { AzureWebJobsStorage = connectionString }))
            .AddSingleton(new HelloSequence5.Done())
            .AddDurableEngine(
                configuration,
                [new WorkflowTask<ITaskOrchestrator>(nameof(HelloSequence5), _ => new HelloSequence5())],
                [new WorkflowTask<ITaskActivity>(nameof(HelloSequence5.SayHello), sp => new HelloSequence5.SayHello(sp.GetRequiredService<HelloSequence5.Done>()))]);
        await using var provider = services.BuildServiceProvider();
        var engine = provider.GetRequiredService<AzureStorageEngine>();
        var done = provider.GetRequiredService<HelloSequence5.Done>();
        var client = provider.GetRequiredService<DurableTaskClient>();
        await engine.StartAsync(cancellationToken);
        try
        {
            var started = DateTimeOffset.UtcNow;
            var ids = new string[count];
            await Parallel.ForAsync(0, count, new ParallelOptions { MaxDegreeOfParallelism = Concurrency, CancellationToken = cancellationToken }, async (i, ct) =>
                ids[i] = await client.ScheduleNewOrchestrationInstanceAsync(nameof(HelloSequence5), "world", ct));
            await done.WaitAsync(count, TimeSpan.FromMinutes(10), cancellationToken);

            var finished = DateTimeOffset.MinValue;
            foreach (var id in ids)
            {
                var instance = await client.WaitForInstanceCompletionAsync(id, cancellation: cancellationToken);
                if (instance.RuntimeStatus != OrchestrationRuntimeStatus.Completed)
                {
                    throw new InvalidOperationException($"HelloSequence5 instance {id} ended {instance.RuntimeStatus}.");
                }

                finished = finished > instance.LastUpdatedAt ? finished : instance.LastUpdatedAt;
            }

            var work = provider.GetRequiredService<EngineWorkCounter>();
            return new FloorFigures(
                count,
                count / (finished - started).TotalSeconds,
                (double)work.Episodes.Values.Sum() / count,
                (double)work.ActivityCalls.Values.Sum() / count);
        }
        finally
        {
            await engine.StopAsync(CancellationToken.None);
        }
    }

    /// <summary>Five activities in sequence, each given the previous one's output.</summary>
    private sealed class HelloSequence5 : TaskOrchestrator<string, string>
    {
        public override async Task<string> RunAsync(TaskOrchestrationContext context, string input)
        {
            var text = input;
            for (var step = 1; step <= 5; step++)
            {
                text = await context.CallActivityAsync<string>(nameof(SayHello), new Step(step, text));
            }

            return text;
        }

        internal sealed record Step(int Number, string Text);

        internal sealed class SayHello(Done done) : TaskActivity<Step, string>
        {
            public override Task<string> RunAsync(TaskActivityContext context, Step input)
            {
                if (input.Number == 5)
                {
                    done.Count();
                }

                return Task.FromResult($"Hello, {input.Text}");
            }
        }

        /// <summary>Counts orchestrations whose last activity ran, so the run waits without polling every instance.</summary>
        internal sealed class Done
        {
            private int _count;
            private readonly SemaphoreSlim _changed = new(0);

            public void Count()
            {
                Interlocked.Increment(ref _count);
                _changed.Release();
            }

            public async Task WaitAsync(int target, TimeSpan limit, CancellationToken cancellationToken)
            {
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                timeout.CancelAfter(limit);
                while (Volatile.Read(ref _count) < target)
                {
                    try
                    {
                        await _changed.WaitAsync(timeout.Token);
                    }
                    catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                    {
                        throw new TimeoutException($"Only {Volatile.Read(ref _count)} of {target} HelloSequence5 orchestrations reached their last activity in {limit.TotalMinutes:0} minutes.");
                    }
                }
            }
        }
    }
}
