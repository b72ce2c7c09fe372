using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;
using Mining.Durable;
using Mining.Functions.Options;
using Mining.Functions.Publishing;
using Mining.Functions.Publishing.Activities;

namespace Mining.Functions.Tests.Publishing;

/// <summary>
/// The collector's windows, on the engine's in-memory backend with fake time (the batch's start is a stand-in activity
/// that records which learnings it got and when).
/// </summary>
public sealed class AnchorCollectorTests : IAsyncLifetime
{
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(5);
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 1, 1, 12, 0, 0, TimeSpan.Zero));
    private readonly ConcurrentQueue<(string[] Learnings, DateTimeOffset At)> _batches = new();
    private TaskCompletionSource _gate = CompletedGate();
    private ServiceProvider _services = null!;
    private IHostedService[] _hosted = [];

    public async Task InitializeAsync()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<TimeProvider>(_time);
        services.Configure<PublishingOptions>(o =>
        {
            o.BatchWindow = Window;
            o.BatchSize = 256;
        });
        services.AddDurableTask(b =>
        {
            b.AddOrchestrator<AnchorCollector>();
            b.AddActivityFunc<BatchStart, string>(nameof(StartAnchorBatch), async (_, start) =>
            {
                _batches.Enqueue(([.. start.Items.Select(i => i.LearningId)], _time.GetUtcNow()));
                await _gate.Task;
                return start.BatchId;
            });
            b.Configure(o =>
            {
                o.StorageProvider.PartitionCount = 1;
                o.StorageProvider.MaxQueuePollingInterval = TimeSpan.FromMilliseconds(100);
            });
            b.UseInMemory();
        });
        _services = services.BuildServiceProvider();
        _hosted = [.. _services.GetServices<IHostedService>()];
        foreach (var hosted in _hosted)
        {
            await hosted.StartAsync(CancellationToken.None);
        }
    }

    public async Task DisposeAsync()
    {
        _gate.TrySetResult();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        foreach (var hosted in _hosted)
        {
            await hosted.StopAsync(timeout.Token);
        }

        await _services.DisposeAsync();
    }

    [Fact]
    public async Task Learnings_that_arrive_while_a_batch_closes_get_a_window_counted_from_that_close()
    {
        var client = _services.GetRequiredService<DurableTaskClient>();
        var opened = _time.GetUtcNow();
        await client.StartIfAbsentAsync(nameof(AnchorCollector), AnchorCollector.InstanceId, new CollectorState([]));
        await client.WaitForInstanceStartAsync(AnchorCollector.InstanceId);
        await client.RaiseEventAsync(AnchorCollector.InstanceId, AnchorCollector.ReadyEvent, Ready("lrn_first"));
        await StatusAsync(client, new CollectorStatus("Collecting", 1));

        // The window closes 5 s after the first learning; the batch's start is held up for 2 s while another learning arrives.
        _gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _time.Advance(Window);
        var first = await NextBatchAsync(1);
        Assert.Equal(["lrn_first"], first.Learnings);
        Assert.InRange(first.At, opened + Window, opened + Window + Nudges);

        _time.Advance(TimeSpan.FromSeconds(2));
        await client.RaiseEventAsync(AnchorCollector.InstanceId, AnchorCollector.ReadyEvent, Ready("lrn_second"));
        await Task.Delay(TimeSpan.FromMilliseconds(300));
        _gate.TrySetResult();
        await StatusAsync(client, new CollectorStatus("Collecting", 1));

        // Its window opened when the first batch closed, not when the collector went on collecting 2 s later.
        _time.Advance(TimeSpan.FromSeconds(3));
        var second = await NextBatchAsync(2);
        Assert.Equal(["lrn_second"], second.Learnings);
        Assert.InRange(second.At, opened + (2 * Window), opened + (2 * Window) + Nudges);
    }

    private static ReadyForAnchor Ready(string learningId) => new(learningId, "ctb_collector", "bafkreicollector" + learningId);

    private static TaskCompletionSource CompletedGate()
    {
        var gate = new TaskCompletionSource();
        gate.SetResult();
        return gate;
    }

    /// <summary>Waits (in real time; fake time stands still meanwhile) until the collector shows <paramref name="expected"/>.</summary>
    private static async Task StatusAsync(DurableTaskClient client, CollectorStatus expected)
    {
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        while ((await client.GetInstanceAsync(AnchorCollector.InstanceId, cancellationToken: limit.Token))?.ReadCustomStatusAs<CollectorStatus>() != expected)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(20), limit.Token);
        }
    }

    /// <summary>The most fake time <see cref="NextBatchAsync"/> lets pass while it waits.</summary>
    private static readonly TimeSpan Nudges = TimeSpan.FromMilliseconds(100);

    /// <summary>
    /// Waits for the <paramref name="count"/>-th batch. A poller that went back to sleep on fake time just after it was
    /// advanced sleeps until time moves again, so every 300 ms of waiting moves it by a millisecond (far less than the
    /// seconds the assertions tell apart).
    /// </summary>
    private async Task<(string[] Learnings, DateTimeOffset At)> NextBatchAsync(int count)
    {
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        for (var waited = 1; _batches.Count < count; waited++)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(20), limit.Token);
            if (waited % 15 == 0)
            {
                _time.Advance(TimeSpan.FromMilliseconds(1));
            }
        }

        return _batches.ElementAt(count - 1);
    }
}
