using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Mining.Durable.Backend;
using Mining.Durable.InMemory;
using Mining.Durable.Tests.Contract;
using Mining.Durable.Worker;

namespace Mining.Durable.Tests.InMemory;

/// <summary>Engine behaviour that needs control over delivery or queue limits, on the in-memory backend with fake time.</summary>
public sealed class InMemoryEngineTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
    private readonly Probe _probe = new();
    private readonly RecordingSink _sink = new();

    private Task<TestHost> StartAsync(bool runWorker, TimeSpan? maxMessageDelay = null, TimeSpan? longTimerThreshold = null) =>
        TestHost.StartAsync(
            s => s.AddSingleton<TimeProvider>(_time).AddSingleton<IOrchestrationFailureSink>(_sink),
            b =>
            {
                TestOrchestrations.Register(b, _probe, _time);
                b.RunWorker = runWorker;
                b.Configure(o =>
                {
                    o.StorageProvider.PartitionCount = 1;
                    o.StorageProvider.MaxDequeueCount = 2;
                    o.StorageProvider.WorkItemQueueVisibilityTimeout = TimeSpan.FromMinutes(1);
                    o.StorageProvider.MaxQueuePollingInterval = TimeSpan.FromMilliseconds(100);
                    o.LongTimerThreshold = longTimerThreshold ?? o.LongTimerThreshold;
                });
                b.UseInMemory(maxMessageDelay);
            });

    [Theory]
    [InlineData(0)]
    [InlineData(5)]
    public async Task A_timer_longer_than_the_queue_delay_limit_fires_exactly_at_its_time_parked_or_not(int thresholdMinutes)
    {
        await using var host = await StartAsync(runWorker: true, maxMessageDelay: TimeSpan.FromHours(1), longTimerThreshold: TimeSpan.FromMinutes(thresholdMinutes));
        var backend = (InMemoryBackend)host.Services.GetRequiredService<IDurableBackend>();
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Timer", TimeSpan.FromHours(30).Ticks);

        var result = await FakeTime.RunToCompletionAsync(host.Client, backend, _time, id);

        Assert.Equal(TimeSpan.FromHours(30), TimeSpan.FromTicks(result.ReadOutputAs<long>()));
        Assert.Equal(TimeSpan.FromHours(30), _time.GetUtcNow() - result.CreatedAt);
        // Parked: the start and the swept timer. Not parked: the start, then the timer sent again every hour (the queue's limit).
        Assert.Equal(thresholdMinutes > 0 ? 1 : 0, backend.Parked.ParkCount);
        Assert.Equal(thresholdMinutes > 0 ? 2 : 31, ((InMemoryQueue)backend.ControlQueue(0)).SentCount);
        Assert.Equal(0, backend.Parked.Count);
    }

    [Fact]
    public async Task Only_timers_due_beyond_the_threshold_are_parked_shorter_ones_and_delayed_starts_go_to_their_queue()
    {
        await using var host = await StartAsync(runWorker: false);
        var backend = (InMemoryBackend)host.Services.GetRequiredService<IDurableBackend>();
        var orchestrations = host.Services.GetRequiredService<OrchestrationMessageHandler>();
        var control = (InMemoryQueue)backend.ControlQueue(0);

        await host.Client.ScheduleNewOrchestrationInstanceAsync("Timer", TimeSpan.FromMinutes(4).Ticks);
        await orchestrations.HandleAsync(control, await control.ReceiveAsync(32, TimeSpan.FromMinutes(1), default), default);
        Assert.Equal(1, control.Count);
        Assert.Equal(0, backend.Parked.ParkCount);

        var longId = await host.Client.ScheduleNewOrchestrationInstanceAsync("Timer", TimeSpan.FromHours(1).Ticks);
        await orchestrations.HandleAsync(control, await control.ReceiveAsync(32, TimeSpan.FromMinutes(1), default), default);
        Assert.Equal(1, control.Count);
        var parked = Assert.Single(await backend.ParkedMessages.ReadDueAsync(_time.GetUtcNow().AddDays(1), 100, default));
        Assert.Equal((longId, _time.GetUtcNow() + TimeSpan.FromHours(1)), (parked.InstanceId, parked.NotBefore));
        Assert.IsType<Durable.History.TimerFired>(parked.Event);

        await host.Client.ScheduleNewOrchestrationInstanceAsync("Sequence", new[] { "later" }, new StartOrchestrationOptions(StartAt: _time.GetUtcNow().AddHours(2)));
        Assert.Equal(2, control.Count);
        Assert.Equal(1, backend.Parked.ParkCount);
    }

    [Fact]
    public async Task A_timer_swept_twice_a_crash_between_send_and_remove_fires_once()
    {
        await using var host = await StartAsync(runWorker: false);
        var backend = (InMemoryBackend)host.Services.GetRequiredService<IDurableBackend>();
        var orchestrations = host.Services.GetRequiredService<OrchestrationMessageHandler>();
        var sweeper = host.Services.GetRequiredService<ParkedTimerSweeper>();
        var dispatcher = host.Services.GetRequiredService<MessageDispatcher>();
        var control = (InMemoryQueue)backend.ControlQueue(0);
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("TimerThenEvent", TimeSpan.FromHours(1).Ticks);
        await orchestrations.HandleAsync(control, await control.ReceiveAsync(32, TimeSpan.FromMinutes(1), default), default);
        Assert.Equal((1, 0), (backend.Parked.Count, control.Count));
        _time.Advance(TimeSpan.FromMinutes(59));

        // A sweep sends the timer and dies before removing it; the next sweep sends it again and removes it.
        await dispatcher.SendAllToQueuesAsync(await backend.ParkedMessages.ReadDueAsync(_time.GetUtcNow() + TimeSpan.FromMinutes(5), 100, default), default);
        Assert.Equal(1, await sweeper.SweepAsync(default));
        Assert.Equal((0, 2), (backend.Parked.Count, control.Count));
        Assert.Equal(0, control.VisibleCount);
        _time.Advance(TimeSpan.FromMinutes(1));

        // Two episodes' worth of deliveries: the first fires the timer, the second finds it in history and is dropped.
        await orchestrations.HandleAsync(control, await control.ReceiveAsync(1, TimeSpan.FromMinutes(1), default), default);
        await orchestrations.HandleAsync(control, await control.ReceiveAsync(1, TimeSpan.FromMinutes(1), default), default);
        Assert.Equal(0, control.Count);
        await host.Client.RaiseEventAsync(id, "Go", "go");
        await orchestrations.HandleAsync(control, await control.ReceiveAsync(32, TimeSpan.FromMinutes(1), default), default);

        var result = await host.Client.GetInstanceAsync(id, getInputsAndOutputs: true);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, result!.RuntimeStatus);
        Assert.Equal("go", result.ReadOutputAs<string>());
        var history = (await backend.Instances.LoadAsync(id, default))!.History;
        Assert.Single(history.OfType<Durable.History.TimerFired>());
        Assert.Equal(3, history.OfType<Durable.History.OrchestratorStarted>().Count());
    }

    [Fact]
    public async Task ContinueAsNew_deletes_the_history_of_earlier_executions()
    {
        await using var host = await StartAsync(runWorker: true);
        var backend = (InMemoryBackend)host.Services.GetRequiredService<IDurableBackend>();
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Counter", 0);

        await FakeTime.RunToCompletionAsync(host.Client, backend, _time, id);

        Assert.InRange(backend.Store.StoredEventCount(id), 1, 8);
    }

    [Fact]
    public async Task An_activity_that_keeps_reappearing_is_not_run_again_its_instance_fails_and_the_sink_is_told()
    {
        await using var host = await StartAsync(runWorker: false);
        var backend = (InMemoryBackend)host.Services.GetRequiredService<IDurableBackend>();
        var orchestrations = host.Services.GetRequiredService<OrchestrationMessageHandler>();
        var activities = host.Services.GetRequiredService<ActivityMessageHandler>();
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Sequence", new[] { "x" });
        var control = backend.ControlQueue(0);
        await orchestrations.HandleAsync(control, await control.ReceiveAsync(32, TimeSpan.FromMinutes(1), default), default);

        for (var crashed = 0; crashed < 2; crashed++)
        {
            Assert.Single(await backend.ActivityQueue.ReceiveAsync(1, TimeSpan.FromMinutes(1), default));
            _time.Advance(TimeSpan.FromMinutes(1));
        }

        var third = Assert.Single(await backend.ActivityQueue.ReceiveAsync(1, TimeSpan.FromMinutes(1), default));
        await activities.HandleAsync(backend.ActivityQueue, third, default);
        await orchestrations.HandleAsync(control, await control.ReceiveAsync(32, TimeSpan.FromMinutes(1), default), default);

        var instance = await host.Client.GetInstanceAsync(id);
        Assert.Equal(OrchestrationRuntimeStatus.Failed, instance!.RuntimeStatus);
        Assert.Contains("delivered 3 times", instance.FailureDetails!.ErrorMessage, StringComparison.Ordinal);
        Assert.Equal(0, _probe.Calls("Hello"));
        var failure = Assert.Single(_sink.Failures);
        Assert.Equal((id, "Sequence", 3), (failure.InstanceId, failure.Name, failure.AttemptCount));
        Assert.Equal(0, backend.Activities.Count);
    }

    [Fact]
    public async Task A_redelivered_control_message_is_applied_once()
    {
        await using var host = await StartAsync(runWorker: false);
        var backend = (InMemoryBackend)host.Services.GetRequiredService<IDurableBackend>();
        var orchestrations = host.Services.GetRequiredService<OrchestrationMessageHandler>();
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Events");
        var control = backend.ControlQueue(0);
        await orchestrations.HandleAsync(control, await control.ReceiveAsync(32, TimeSpan.FromMinutes(1), default), default);
        await host.Client.RaiseEventAsync(id, "Go", "first");
        var delivered = Assert.Single(await control.ReceiveAsync(32, TimeSpan.FromMinutes(1), default));

        await orchestrations.HandleAsync(control, [delivered], default);
        await control.SendAsync(delivered.Message, TimeSpan.Zero, default);
        await host.Client.RaiseEventAsync(id, "Go", "second");
        await host.Client.RaiseEventAsync(id, "Data", 1);
        await orchestrations.HandleAsync(control, await control.ReceiveAsync(32, TimeSpan.FromMinutes(1), default), default);

        var result = await host.Client.GetInstanceAsync(id, getInputsAndOutputs: true);
        Assert.Equal("first:1", result!.ReadOutputAs<string>());
        var history = (await backend.Instances.LoadAsync(id, default))!.History;
        Assert.Single(history.OfType<Durable.History.EventRaised>(), e => e.Input == "\"first\"");
    }

    [Fact]
    public async Task The_client_of_a_worker_process_neither_reads_back_an_instance_it_started_nor_checks_one_the_worker_holds()
    {
        await using var host = await StartAsync(runWorker: true);
        var backend = (InMemoryBackend)host.Services.GetRequiredService<IDurableBackend>();
        // A client-only process's client on the same hub: it knows nothing of the worker's instances.
        var remote = new DurableTaskClient(backend, host.Services.GetRequiredService<DataConverter>(), _time);
        await RunEventsAsync(host.Client, "warm-up"); // the worker's start-up (its first sweep) is not measured

        var local = await RunEventsAsync(host.Client, "local");
        var fromElsewhere = await RunEventsAsync(remote, "remote");

        // Both complete alike; the remote start costs the worker one load of the instance, and each of its two events a read.
        Assert.Equal(("go:1", "go:1"), (local.Output, fromElsewhere.Output));
        Assert.Equal(3, fromElsewhere.TableOperations - local.TableOperations);

        async Task<(string? Output, long TableOperations)> RunEventsAsync(DurableTaskClient client, string id)
        {
            await FakeTime.WaitQuietAsync(backend);
            var before = backend.Operations.Table;
            Assert.True(await client.StartIfAbsentAsync("Events", id));
            await FakeTime.WaitQuietAsync(backend);
            await client.RaiseEventAsync(id, "Go", "go");
            await FakeTime.WaitQuietAsync(backend);
            await client.RaiseEventAsync(id, "Data", 1);
            await FakeTime.WaitQuietAsync(backend);
            var operations = backend.Operations.Table - before;
            return ((await client.GetInstanceAsync(id, getInputsAndOutputs: true))!.ReadOutputAs<string>(), operations);
        }
    }

    private sealed class RecordingSink : IOrchestrationFailureSink
    {
        public ConcurrentQueue<OrchestrationFailure> Failures { get; } = new();

        public Task OnGaveUpAsync(OrchestrationFailure failure, CancellationToken cancellationToken)
        {
            Failures.Enqueue(failure);
            return Task.CompletedTask;
        }
    }
}
