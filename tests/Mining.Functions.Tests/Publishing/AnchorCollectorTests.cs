using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Mining.Functions.Anchoring;
using Mining.Functions.Batches;
using Mining.Functions.Learnings;
using Mining.Functions.LocalHost.Durable;
using Mining.Functions.Options;
using Mining.Functions.Storage;
using Mining.Testing;

namespace Mining.Functions.Tests.Publishing;

/// <summary>
/// The collector on the Durable Task engine over Azurite: a task hub of its own, the real queue table, batch store and
/// <see cref="TakeReadyBatch"/>, and a stand-in <see cref="AnchorBatch"/> that only completes (the batches are read back
/// from the engine's instances). Window times are read from the collector's custom status and the stored batches, so
/// nothing here depends on how fast it runs.
/// </summary>
[Collection("DevStack")]
public sealed class AnchorCollectorTests(DevStackFixture stack) : IAsyncLifetime
{
    private readonly string _hub = "collector" + Guid.NewGuid().ToString("N")[..12];
    private IHost? _host;

    private DurableTaskClient Client => _host!.Services.GetRequiredService<DurableTaskClient>();

    private AnchorQueue Queue => _host!.Services.GetRequiredService<AnchorQueue>();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (_host is not null)
        {
            using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            await _host.StopAsync(stop.Token);
            _host.Dispose();
        }
    }

    [Fact]
    public async Task A_window_counts_from_the_hand_over_of_its_first_learning()
    {
        var window = TimeSpan.FromSeconds(2);
        await StartAsync(window, batchSize: 3);
        var firstHandedOver = Now();
        await Queue.AddAsync(Ready("lrn_first", firstHandedOver), CancellationToken.None);
        var first = await StatusAsync(s => s is { Pending: 1, ClosesAt: not null });
        Assert.Equal(firstHandedOver + window, first.ClosesAt);
        var firstBatch = await BatchAsync(1);
        Assert.Equal(["lrn_first"], firstBatch.Items.Select(i => i.LearningId));
        Assert.True(await CreatedAtAsync(firstBatch.BatchId) >= firstHandedOver + window, "The batch closed before its window ended.");

        // The next learning opens a window of its own, counted from its own hand-over.
        var handedOver = Now();
        await Queue.AddAsync(Ready("lrn_second", handedOver), CancellationToken.None);
        var second = await StatusAsync(s => s is { Pending: 1, ClosesAt: not null } && s.ClosesAt != first.ClosesAt);
        Assert.Equal(handedOver + window, second.ClosesAt);
        Assert.Equal(["lrn_second"], (await BatchAsync(2)).Items.Select(i => i.LearningId));
    }

    [Fact]
    public async Task A_full_batch_closes_before_its_window_with_the_longest_waiting_learnings_each_once()
    {
        await StartAsync(TimeSpan.FromMinutes(10), batchSize: 3);
        var t = Now();
        foreach (var (id, at) in new[] { ("lrn_d", t.AddMilliseconds(4)), ("lrn_a", t), ("lrn_b", t.AddMilliseconds(1)), ("lrn_a", t), ("lrn_c", t.AddMilliseconds(2)) })
        {
            await Queue.AddAsync(Ready(id, at), CancellationToken.None);
        }

        Assert.Equal(["lrn_a", "lrn_b", "lrn_c"], (await BatchAsync(1)).Items.Select(i => i.LearningId));
        var left = await StatusAsync(s => s.Pending == 1);
        Assert.Equal(t.AddMilliseconds(4) + TimeSpan.FromMinutes(10), left.ClosesAt);
        Assert.Equal(["lrn_d"], (await Queue.ListAsync(CancellationToken.None)).Select(i => i.LearningId));
    }

    [Fact]
    public async Task Taking_a_batch_again_under_the_same_id_returns_the_same_batch_and_takes_nothing_more()
    {
        await StartAsync(TimeSpan.Zero, batchSize: 2, collector: false);
        var t = Now();
        await Queue.AddAsync(Ready("lrn_one", t), CancellationToken.None);
        await Queue.AddAsync(Ready("lrn_two", t.AddMilliseconds(1)), CancellationToken.None);
        var take = ActivatorUtilities.CreateInstance<TakeReadyBatch>(_host!.Services);

        var first = await take.RunAsync(null!, "batch-retried");
        await Queue.AddAsync(Ready("lrn_three", t.AddMilliseconds(2)), CancellationToken.None);
        var again = await take.RunAsync(null!, "batch-retried");

        Assert.Equal(("batch-retried", 2, 0), (first.ClosedBatch, first.Closed, first.Waiting));
        Assert.Equal(("batch-retried", 2, 1), (again.ClosedBatch, again.Closed, again.Waiting));
        Assert.Equal(["lrn_three"], (await Queue.ListAsync(CancellationToken.None)).Select(i => i.LearningId));
        var started = await Client.GetInstanceAsync("batch-retried", getInputsAndOutputs: true);
        Assert.Equal(["lrn_one", "lrn_two"], started!.ReadInputAs<BatchStart>()!.Items.Select(i => i.LearningId));
        var stored = await _host!.Services.GetRequiredService<BatchStore>().FindAsync("batch-retried", CancellationToken.None);
        Assert.Equal(["lrn_one", "lrn_two"], stored!.Items.Select(i => i.LearningId));
    }

    private async Task StartAsync(TimeSpan window, int batchSize, bool collector = true)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage"] = stack.Endpoints.AzuriteConnectionString,
            ["PublicBaseUrl"] = "http://localhost:7071",
            ["extensions:durableTask:hubName"] = _hub,
            ["extensions:durableTask:storageProvider:partitionCount"] = "1",
            ["extensions:durableTask:storageProvider:maxQueuePollingInterval"] = "00:00:00.200",
        });
        builder.Services.AddValidatedOptions<ServiceOptions>(builder.Configuration);
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton(Microsoft.Extensions.Options.Options.Create(
            new PublishingOptions { BatchWindow = window, BatchSize = batchSize, BatchPollInterval = TimeSpan.FromMilliseconds(200) }));
        var storage = new AppStorage(stack.Endpoints.AzuriteConnectionString, new StorageRequestCounter(TimeProvider.System));
        builder.Services.AddSingleton(storage);
        builder.Services.AddSingleton<ServiceStateStore>();
        builder.Services.AddSingleton<BatchStore>();
        builder.Services.AddSingleton(new AnchorQueue(storage, _hub));
        builder.Services.AddDurableEngine(
            builder.Configuration,
            [
                new(nameof(AnchorCollector), sp => new AnchorCollector(sp.GetRequiredService<IOptions<PublishingOptions>>())),
                new(nameof(AnchorBatch), _ => new StandInBatch()),
            ],
            [new(nameof(TakeReadyBatch), sp => ActivatorUtilities.CreateInstance<TakeReadyBatch>(sp))]);
        _host = builder.Build();
        await storage.EnsureCreatedAsync(CancellationToken.None);
        await _host.StartAsync();
        if (collector)
        {
            await Client.StartIfAbsentAsync(nameof(AnchorCollector), AnchorCollector.InstanceId, 0);
        }
    }

    /// <summary>Completes at once: the collector's part ends with the batch's start.</summary>
    private sealed class StandInBatch : TaskOrchestrator<BatchStart, string>
    {
        public override Task<string> RunAsync(TaskOrchestrationContext context, BatchStart input) => Task.FromResult(input.BatchId);
    }

    /// <summary>Now, to the millisecond (the precision the queue table keeps).</summary>
    private static DateTime Now()
    {
        var now = DateTime.UtcNow;
        return now.AddTicks(-(now.Ticks % TimeSpan.TicksPerMillisecond));
    }

    private static ReadyForAnchor Ready(string learningId, DateTime handedOver) =>
        new(learningId, "ctb_collector", Mining.Core.Preparation.ContentPreparer.ComputeCid(System.Text.Encoding.UTF8.GetBytes(learningId)), handedOver);

    private async Task<DateTimeOffset> CreatedAtAsync(string batchId) =>
        (await _host!.Services.GetRequiredService<BatchStore>().FindAsync(batchId, CancellationToken.None))!.CreatedAt;

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

    /// <summary>The <paramref name="count"/>-th batch the collector started, in the order they were created.</summary>
    private async Task<BatchStart> BatchAsync(int count)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (true)
        {
            var batches = new List<OrchestrationMetadata>();
            await foreach (var batch in Client.GetAllInstancesAsync(new OrchestrationQuery { InstanceIdPrefix = "batch-", FetchInputsAndOutputs = true }))
            {
                batches.Add(batch);
            }

            if (batches.Count >= count)
            {
                return batches.OrderBy(b => b.CreatedAt).ElementAt(count - 1).ReadInputAs<BatchStart>()!;
            }

            Assert.True(DateTime.UtcNow < deadline, $"Batch {count} did not start; {batches.Count} did.");
            await Task.Delay(TimeSpan.FromMilliseconds(100));
        }
    }
}
