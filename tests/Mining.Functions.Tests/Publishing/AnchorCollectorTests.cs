using System.Collections.Concurrent;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Mining.Functions.Anchoring;
using Mining.Functions.Learnings;
using Mining.Functions.LocalHost.Durable;
using Mining.Functions.Options;
using Mining.Functions.Storage;
using Mining.Testing;

namespace Mining.Functions.Tests.Publishing;

/// <summary>
/// The collector's windows, on the Durable Task engine over Azurite (a task hub of its own; the batch's start is a
/// stand-in activity that records which learnings it got and can be held up). Window times are read from the
/// collector's custom status, which the orchestration computes from its own clock, so nothing here depends on how fast
/// it runs.
/// </summary>
[Collection("DevStack")]
public sealed class AnchorCollectorTests(DevStackFixture stack) : IAsyncLifetime
{
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(2);
    private readonly ConcurrentQueue<string[]> _batches = new();
    private TaskCompletionSource _gate = Completed();
    private IHost _host = null!;

    private DurableTaskClient Client => _host.Services.GetRequiredService<DurableTaskClient>();

    public async Task InitializeAsync()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage"] = stack.Endpoints.AzuriteConnectionString,
            ["PublicBaseUrl"] = "http://localhost:7071",
            ["extensions:durableTask:hubName"] = "collector" + Guid.NewGuid().ToString("N")[..12],
            ["extensions:durableTask:storageProvider:partitionCount"] = "1",
            ["extensions:durableTask:storageProvider:maxQueuePollingInterval"] = "00:00:00.200",
        });
        builder.Services.AddValidatedOptions<ServiceOptions>(builder.Configuration);
        builder.Services.AddSingleton(TimeProvider.System);
        var options = Microsoft.Extensions.Options.Options.Create(new PublishingOptions { BatchWindow = Window, BatchSize = 3 });
        builder.Services.AddDurableEngine(
            builder.Configuration,
            [new(nameof(AnchorCollector), _ => new AnchorCollector(options))],
            [new(nameof(StartAnchorBatch), _ => new StandIn(this))]);
        _host = builder.Build();
        await _host.StartAsync();
    }

    public async Task DisposeAsync()
    {
        _gate.TrySetResult();
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await _host.StopAsync(stop.Token);
        _host.Dispose();
    }

    [Fact]
    public async Task A_window_counts_from_the_hand_over_of_its_first_learning_even_when_it_arrives_while_a_batch_closes()
    {
        await Client.StartIfAbsentAsync(nameof(AnchorCollector), AnchorCollector.InstanceId, new CollectorState([]));
        var firstHandedOver = DateTime.UtcNow;
        await Client.RaiseEventAsync(AnchorCollector.InstanceId, AnchorCollector.ReadyEvent, Ready("lrn_first", firstHandedOver));
        var first = await StatusAsync(s => s is { Stage: "Collecting", Pending: 1, ClosesAt: not null });
        Assert.Equal(firstHandedOver + Window, first.ClosesAt);

        // The first batch closes when its window ends; its start is held up while another learning arrives.
        _gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await StatusAsync(s => s.Stage == "Closing");
        Assert.Equal(["lrn_first"], await BatchAsync(1));
        var handedOver = DateTime.UtcNow;
        await Client.RaiseEventAsync(AnchorCollector.InstanceId, AnchorCollector.ReadyEvent, Ready("lrn_second", handedOver));
        _gate.TrySetResult();

        // The second window opened when that learning was handed over, not when the collector went on collecting after
        // the held-up start.
        var second = await StatusAsync(s => s is { Stage: "Collecting", Pending: 1, ClosesAt: not null });
        Assert.Equal(handedOver + Window, second.ClosesAt);
        Assert.True(second.ClosesAt > first.ClosesAt);
        Assert.Equal(["lrn_second"], await BatchAsync(2));
    }

    [Fact]
    public async Task A_batch_closes_as_soon_as_it_is_full_and_holds_each_learning_once()
    {
        await Client.StartIfAbsentAsync(nameof(AnchorCollector), AnchorCollector.InstanceId, new CollectorState([]));
        foreach (var id in new[] { "lrn_a", "lrn_a", "lrn_b", "lrn_c", "lrn_d" })
        {
            await Client.RaiseEventAsync(AnchorCollector.InstanceId, AnchorCollector.ReadyEvent, Ready(id));
        }

        Assert.Equal(["lrn_a", "lrn_b"], await BatchAsync(1));
        Assert.Equal(["lrn_c", "lrn_d"], await BatchAsync(2));
    }

    /// <summary>Records the batch it is asked to start and waits for the gate.</summary>
    private sealed class StandIn(AnchorCollectorTests test) : TaskActivity<BatchStart, string>
    {
        public override async Task<string> RunAsync(TaskActivityContext context, BatchStart input)
        {
            test._batches.Enqueue([.. input.Items.Select(i => i.LearningId)]);
            await test._gate.Task;
            return input.BatchId;
        }
    }

    private static ReadyForAnchor Ready(string learningId, DateTime? handedOver = null) =>
        new(learningId, "ctb_collector", Mining.Core.Preparation.ContentPreparer.ComputeCid(System.Text.Encoding.UTF8.GetBytes(learningId)), handedOver);

    private static TaskCompletionSource Completed()
    {
        var gate = new TaskCompletionSource();
        gate.SetResult();
        return gate;
    }

    private async Task<CollectorStatus> StatusAsync(Func<CollectorStatus, bool> done)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (true)
        {
            var instance = await Client.GetInstanceAsync(AnchorCollector.InstanceId, getInputsAndOutputs: true);

            if (instance?.ReadCustomStatusAs<CollectorStatus>() is { } status && done(status))
            {
                return status;
            }

            Assert.True(DateTime.UtcNow < deadline, $"The collector did not get there: {instance?.RuntimeStatus} {instance?.SerializedCustomStatus}");
            await Task.Delay(TimeSpan.FromMilliseconds(50));
        }
    }

    private async Task<string[]> BatchAsync(int count)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (_batches.Count < count)
        {
            Assert.True(DateTime.UtcNow < deadline, $"Batch {count} did not start; {_batches.Count} did.");
            await Task.Delay(TimeSpan.FromMilliseconds(50));
        }

        return _batches.ElementAt(count - 1);
    }
}
