using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Mining.Durable.History;

namespace Mining.Durable.Tests.Contract;

/// <summary>The behaviour every backend must show. Subclasses bind it to a backend and to a way of letting time pass.</summary>
public abstract class DurableContractTests : IAsyncLifetime
{
    protected Probe Probe { get; } = new();

    protected TestHost Host { get; private set; } = null!;

    protected DurableTaskClient Client => Host.Client;

    /// <summary>The time unit of timers and retries: fake hours in memory, real seconds on Azurite.</summary>
    protected abstract TimeSpan Unit { get; }

    protected abstract TimeProvider Time { get; }

    /// <summary>True when <see cref="Time"/> is fake, so intervals can be asserted exactly.</summary>
    protected abstract bool ExactTime { get; }

    /// <summary><see cref="DurableTaskOptions.MaxInlineActivities"/> for the run: 0 sends every activity through the work-item queue.</summary>
    protected virtual int MaxInlineActivities => 0;

    /// <summary><see cref="DurableTaskOptions.LongTimerThreshold"/> for the run: timers longer than two units are parked.</summary>
    protected virtual TimeSpan LongTimerThreshold => 2 * Unit;

    protected abstract void UseBackend(IServiceCollection services, DurableTaskBuilder builder);

    /// <summary>Lets the instance run (and time pass, where time is fake) until it finishes.</summary>
    protected abstract Task<OrchestrationMetadata> RunToCompletionAsync(string instanceId);

    /// <summary>Waits until the task hub has no pending messages (no timers may be pending).</summary>
    protected abstract Task SettleAsync();

    /// <summary>Lets time pass until <paramref name="until"/>, everything that comes due meanwhile being delivered.</summary>
    protected abstract Task LetTimePassAsync(DateTimeOffset until);

    /// <summary>Messages in the hub's queues, visible or not.</summary>
    protected abstract Task<int> QueuedMessageCountAsync();

    private Backend.IParkedMessages Parked => Host.Services.GetRequiredService<Backend.IDurableBackend>().ParkedMessages;

    private async Task<List<WorkMessage>> ParkedForAsync(string instanceId) =>
        [.. (await Parked.ReadDueAsync(Time.GetUtcNow().AddYears(10), 1000, CancellationToken.None)).Where(m => m.InstanceId == instanceId)];

    /// <summary>Waits (a minute at most, in real time) until <paramref name="condition"/> holds.</summary>
    private static async Task WaitUntilAsync(Func<Task<bool>> condition, string what)
    {
        using var limit = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        while (!await condition())
        {
            if (limit.IsCancellationRequested)
            {
                throw new Xunit.Sdk.XunitException($"Gave up waiting for {what}.");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(50), CancellationToken.None);
        }
    }

    public virtual async Task InitializeAsync()
    {
        Host = await TestHost.StartAsync(
            services => services.AddSingleton(Time).AddSingleton(Probe),
            b =>
            {
                TestOrchestrations.Register(b, Probe, Time);
                b.Configure(o =>
                {
                    o.StorageProvider.PartitionCount = 2;
                    o.StorageProvider.MaxQueuePollingInterval = TimeSpan.FromMilliseconds(100);
                    o.MaxInlineActivities = MaxInlineActivities;
                    o.LongTimerThreshold = LongTimerThreshold;
                });
                UseBackend(b.Services, b);
            });
    }

    public virtual async Task DisposeAsync() => await Host.DisposeAsync();

    private async Task<OrchestrationMetadata> RunAsync(string name, object? input)
    {
        var id = await Client.ScheduleNewOrchestrationInstanceAsync(name, input);
        return await RunToCompletionAsync(id);
    }

    [Fact]
    public async Task A_sequence_of_activities_completes_and_each_activity_runs_once_despite_replay()
    {
        var result = await RunAsync("Sequence", new[] { "Tokyo", "Seattle", "London" });

        Assert.Equal(OrchestrationRuntimeStatus.Completed, result.RuntimeStatus);
        Assert.Equal("Hello Tokyo, Hello Seattle, Hello London", (await Client.GetInstanceAsync(result.InstanceId, true))!.ReadOutputAs<string>());
        Assert.Equal(3, Probe.Calls("Hello"));
    }

    [Fact]
    public async Task A_durable_timer_fires_after_its_delay_in_orchestration_time()
    {
        var result = await RunAsync("Timer", (2 * Unit).Ticks);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, result.RuntimeStatus);
        var elapsed = TimeSpan.FromTicks(result.ReadOutputAs<long>());
        if (ExactTime)
        {
            Assert.Equal(2 * Unit, elapsed);
        }
        else
        {
            Assert.True(elapsed >= 2 * Unit, $"timer fired after {elapsed}");
        }
    }

    [Fact]
    public async Task Events_raised_before_the_orchestration_waits_for_them_are_buffered_and_delivered_in_order()
    {
        var id = await Client.ScheduleNewOrchestrationInstanceAsync("Events");
        await Client.RaiseEventAsync(id, "Data", 42);
        await Client.RaiseEventAsync(id, "Go", "go");

        var result = await RunToCompletionAsync(id);

        Assert.Equal("go:42", result.ReadOutputAs<string>());
    }

    [Fact]
    public async Task A_wait_with_a_timeout_ends_in_TaskCanceledException_when_no_event_arrives()
    {
        var result = await RunAsync("Approval", Unit.Ticks);

        Assert.Equal("timed out", result.ReadOutputAs<string>());
    }

    [Fact]
    public async Task An_event_that_arrives_before_the_timeout_wins()
    {
        var id = await Client.ScheduleNewOrchestrationInstanceAsync("Approval", (1000 * Unit).Ticks);
        await Client.RaiseEventAsync(id, "Approval", "approved");

        var result = await RunToCompletionAsync(id);

        Assert.Equal("approved", result.ReadOutputAs<string>());
    }

    [Fact]
    public async Task A_failing_activity_is_retried_with_exponential_backoff_capped_at_the_max_interval()
    {
        var result = await RunAsync("Retry", Unit.Ticks);

        Assert.Equal("ok", result.ReadOutputAs<string>());
        var attempts = Probe.Attempts.ToArray();
        Assert.Equal(4, attempts.Length);
        var gaps = attempts.Zip(attempts.Skip(1), (a, b) => b - a).ToArray();
        TimeSpan[] expected = [Unit, 2 * Unit, 3 * Unit];
        for (var i = 0; i < expected.Length; i++)
        {
            if (ExactTime)
            {
                Assert.Equal(expected[i], gaps[i]);
            }
            else
            {
                Assert.True(gaps[i] >= expected[i] - TimeSpan.FromMilliseconds(600), $"gap {i} was {gaps[i]}, expected at least {expected[i]}");
            }
        }
    }

    [Fact]
    public async Task A_retry_predicate_stops_retrying_failures_it_does_not_handle()
    {
        var result = await RunAsync("RetryOnlySome", Unit.Ticks);

        Assert.Equal(OrchestrationRuntimeStatus.Failed, result.RuntimeStatus);
        Assert.Equal(1, Probe.Calls("BadArgument"));
        Assert.Equal(typeof(ArgumentException).FullName, result.FailureDetails!.InnerFailure!.ErrorType);
    }

    [Fact]
    public async Task An_activity_failure_reaches_the_orchestration_with_its_type_and_message()
    {
        var caught = await RunAsync("CatchFailure", null);
        var unhandled = await RunAsync("Unhandled", null);

        Assert.Equal($"{typeof(InvalidOperationException).FullName}|boom: the activity failed", caught.ReadOutputAs<string>());
        Assert.Equal(OrchestrationRuntimeStatus.Failed, unhandled.RuntimeStatus);
        Assert.Equal(typeof(TaskFailedException).FullName, unhandled.FailureDetails!.ErrorType);
        Assert.Equal(typeof(InvalidOperationException).FullName, unhandled.FailureDetails.InnerFailure!.ErrorType);
        Assert.NotNull(unhandled.FailureDetails.InnerFailure.StackTrace);
    }

    [Fact]
    public async Task A_fan_out_of_1000_activities_fans_in_every_result()
    {
        var result = await RunAsync("FanOut", 1000);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, result.RuntimeStatus);
        Assert.Equal(999L * 1000L, result.ReadOutputAs<long>());
    }

    [Fact]
    public async Task A_sub_orchestration_returns_its_output_to_the_parent()
    {
        var result = await RunAsync("Parent", new[] { "A", "B" });

        Assert.Equal("Hello A, Hello B", result.ReadOutputAs<string>());
    }

    [Fact]
    public async Task A_failing_sub_orchestration_surfaces_as_TaskFailedException_in_the_parent()
    {
        var result = await RunAsync("ParentOfFailing", null);

        Assert.Contains("boom: the activity failed", result.ReadOutputAs<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_sub_orchestration_whose_instance_id_is_already_running_fails_in_the_parent()
    {
        var busy = await Client.ScheduleNewOrchestrationInstanceAsync("Events");
        await Client.WaitForInstanceStartAsync(busy);

        var result = await RunAsync("ChildClash", busy);

        Assert.Equal(typeof(OrchestrationAlreadyExistsException).FullName, result.ReadOutputAs<string>());
    }

    [Fact]
    public async Task A_suspended_instance_makes_no_progress_and_buffers_events_until_resumed()
    {
        var id = await Client.ScheduleNewOrchestrationInstanceAsync("Events");
        await Client.WaitForInstanceStartAsync(id);
        await Client.SuspendInstanceAsync(id, "maintenance");
        await SettleAsync();
        Assert.Equal(OrchestrationRuntimeStatus.Suspended, (await Client.GetInstanceAsync(id))!.RuntimeStatus);

        await Client.RaiseEventAsync(id, "Go", "go");
        await Client.RaiseEventAsync(id, "Data", 7);
        await SettleAsync();
        Assert.Equal(OrchestrationRuntimeStatus.Suspended, (await Client.GetInstanceAsync(id))!.RuntimeStatus);

        await Client.ResumeInstanceAsync(id, "done");
        var result = await RunToCompletionAsync(id);
        Assert.Equal("go:7", result.ReadOutputAs<string>());
    }

    [Fact]
    public async Task Terminate_ends_the_instance_and_records_the_reason()
    {
        var id = await Client.ScheduleNewOrchestrationInstanceAsync("Events");
        await Client.WaitForInstanceStartAsync(id);

        await Client.TerminateInstanceAsync(id, "operator stopped it");
        var result = await RunToCompletionAsync(id);

        Assert.Equal(OrchestrationRuntimeStatus.Terminated, result.RuntimeStatus);
        Assert.Equal("operator stopped it", result.ReadOutputAs<string>());
    }

    [Fact]
    public async Task Purge_deletes_finished_instances_and_leaves_running_ones()
    {
        var done = await RunAsync("Sequence", new[] { "P" });
        var running = await Client.ScheduleNewOrchestrationInstanceAsync("Events");
        await Client.WaitForInstanceStartAsync(running);

        Assert.Equal(0, (await Client.PurgeInstanceAsync(running)).PurgedInstanceCount);
        Assert.Equal(1, (await Client.PurgeInstanceAsync(done.InstanceId)).PurgedInstanceCount);
        Assert.Null(await Client.GetInstanceAsync(done.InstanceId));
        Assert.NotNull(await Client.GetInstanceAsync(running));

        var another = await RunAsync("Sequence", new[] { "Q" });
        var purged = await Client.PurgeAllInstancesAsync(new PurgeInstancesFilter(Statuses: [OrchestrationRuntimeStatus.Completed]));
        Assert.Equal(1, purged.PurgedInstanceCount);
        Assert.Null(await Client.GetInstanceAsync(another.InstanceId));
    }

    [Fact]
    public async Task ContinueAsNew_restarts_with_a_fresh_history_until_the_orchestration_returns()
    {
        var id = await Client.ScheduleNewOrchestrationInstanceAsync("Counter", 0);
        var result = await RunToCompletionAsync(id);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, result.RuntimeStatus);
        Assert.Equal(10, result.ReadOutputAs<int>());
        Assert.Equal(10, Probe.Calls("Hello"));
        var backend = Host.Services.GetRequiredService<Backend.IDurableBackend>();
        var snapshot = await backend.Instances.LoadAsync(id, CancellationToken.None);
        Assert.True(snapshot!.History.Count < 10, $"current history has {snapshot.History.Count} events");
    }

    [Fact]
    public async Task Events_that_arrive_with_a_ContinueAsNew_episode_are_carried_to_the_new_execution()
    {
        var id = await Client.ScheduleNewOrchestrationInstanceAsync(
            "Summing", 0, new StartOrchestrationOptions(StartAt: Time.GetUtcNow() + Unit));
        foreach (var item in new[] { 1, 2, 3 })
        {
            await Client.RaiseEventAsync(id, "Item", item);
        }

        var result = await RunToCompletionAsync(id);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, result.RuntimeStatus);
        Assert.Equal(6, result.ReadOutputAs<int>());
    }

    [Fact]
    public async Task A_replay_that_diverges_from_history_fails_the_instance_naming_the_step()
    {
        var id = await Client.ScheduleNewOrchestrationInstanceAsync("Drifting");
        await Client.WaitForInstanceStartAsync(id);
        await SettleAsync();
        Assert.Equal(1, Probe.Calls("Hello"));

        Probe.UseChangedCode = true;
        await Client.RaiseEventAsync(id, "Go", "go");
        var result = await RunToCompletionAsync(id);

        Assert.Equal(OrchestrationRuntimeStatus.Failed, result.RuntimeStatus);
        Assert.Equal(typeof(NonDeterministicOrchestrationException).FullName, result.FailureDetails!.ErrorType);
        Assert.Contains("history step 0 is CallActivity 'Hello'", result.FailureDetails.ErrorMessage, StringComparison.Ordinal);
        Assert.Contains("CallActivity 'Other'", result.FailureDetails.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_200_KB_payload_round_trips_through_input_activity_and_output()
    {
        var payload = string.Concat(Enumerable.Range(0, 200 * 1024 / 16).Select(i => i.ToString("X15", System.Globalization.CultureInfo.InvariantCulture) + "|"));
        var result = await RunAsync("EchoLarge", payload);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, result.RuntimeStatus);
        var stored = await Client.GetInstanceAsync(result.InstanceId, getInputsAndOutputs: true);
        Assert.Equal(payload, stored!.ReadOutputAs<string>());
        Assert.Equal(payload, stored.ReadInputAs<string>());
    }

    [Fact]
    public async Task NewGuid_is_the_same_on_every_replay_and_differs_between_calls()
    {
        var result = await RunAsync("Guids", null);
        var guids = result.ReadOutputAs<Guid[]>()!;

        Assert.NotEqual(guids[0], guids[1]);
        var again = await Client.GetInstanceAsync(result.InstanceId, true);
        Assert.Equal(JsonSerializer.Serialize(guids), JsonSerializer.Serialize(again!.ReadOutputAs<Guid[]>()));
    }

    [Fact]
    public async Task Starting_a_running_instance_id_is_an_error_unless_asked_to_return_the_existing_one()
    {
        var id = $"dup-{Guid.NewGuid():N}";
        await Client.ScheduleNewOrchestrationInstanceAsync("Events", null, new StartOrchestrationOptions(id));

        await Assert.ThrowsAsync<OrchestrationAlreadyExistsException>(() => Client.ScheduleNewOrchestrationInstanceAsync("Events", null, new StartOrchestrationOptions(id)));
        var same = await Client.ScheduleNewOrchestrationInstanceAsync("Events", null, new StartOrchestrationOptions(id) { ReturnExistingIfRunning = true });
        Assert.Equal(id, same);
    }

    [Fact]
    public async Task StartIfAbsent_starts_an_id_once_and_starts_a_pending_instance_whose_start_was_lost()
    {
        var id = $"once-{Guid.NewGuid():N}";
        Assert.True(await Client.StartIfAbsentAsync("Sequence", id, new[] { "A" }));
        Assert.False(await Client.StartIfAbsentAsync("Sequence", id, new[] { "B" }));
        await RunToCompletionAsync(id);
        Assert.False(await Client.StartIfAbsentAsync("Sequence", id, new[] { "C" }));

        var finished = await Client.GetInstanceAsync(id, getInputsAndOutputs: true);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, finished!.RuntimeStatus);
        Assert.Equal("Hello A", finished.ReadOutputAs<string>());
        Assert.Equal(1, Probe.Calls("Hello"));

        // A client that stopped between adding the instance row and sending its start message left it pending.
        var lost = $"lost-{Guid.NewGuid():N}";
        var now = DateTimeOffset.UtcNow;
        await Host.Services.GetRequiredService<Backend.IDurableBackend>().Instances.WriteInstanceAsync(
            new Backend.InstanceRecord
            {
                InstanceId = lost, Name = "Sequence", ExecutionId = Guid.NewGuid().ToString("N"), Status = OrchestrationRuntimeStatus.Pending,
                CreatedAt = now, LastUpdatedAt = now, Input = JsonSerializer.Serialize(new[] { "L" }),
            },
            null,
            CancellationToken.None);

        Assert.False(await Client.StartIfAbsentAsync("Sequence", lost, new[] { "M" }));
        var recovered = await RunToCompletionAsync(lost);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, recovered.RuntimeStatus);
        Assert.Equal("Hello L", (await Client.GetInstanceAsync(lost, true))!.ReadOutputAs<string>());
    }

    [Fact]
    public async Task Raising_an_event_to_an_unknown_instance_is_reported()
    {
        await Assert.ThrowsAsync<OrchestrationNotFoundException>(() => Client.RaiseEventAsync($"missing-{Guid.NewGuid():N}", "Go", "go"));
    }

    [Fact]
    public async Task Instances_can_be_queried_by_status_and_id_prefix_in_pages()
    {
        var prefix = $"q{Guid.NewGuid():N}-";
        foreach (var n in new[] { 1, 2, 3 })
        {
            var id = await Client.ScheduleNewOrchestrationInstanceAsync("Sequence", new[] { "x" }, new StartOrchestrationOptions($"{prefix}{n}"));
            await RunToCompletionAsync(id);
        }

        var running = await Client.ScheduleNewOrchestrationInstanceAsync("Events", null, new StartOrchestrationOptions($"{prefix}4"));
        await Client.WaitForInstanceStartAsync(running);

        var query = new OrchestrationQuery { InstanceIdPrefix = prefix, Statuses = [OrchestrationRuntimeStatus.Completed], PageSize = 2 };
        var first = await Client.QueryInstancesAsync(query);
        var second = await Client.QueryInstancesAsync(query with { ContinuationToken = first.ContinuationToken });

        Assert.Equal([$"{prefix}1", $"{prefix}2"], first.Instances.Select(i => i.InstanceId));
        Assert.Equal([$"{prefix}3"], second.Instances.Select(i => i.InstanceId));
        Assert.Null(second.ContinuationToken);
        var all = new List<string>();
        await foreach (var i in Client.GetAllInstancesAsync(new OrchestrationQuery { InstanceIdPrefix = prefix }))
        {
            all.Add(i.InstanceId);
        }

        Assert.Equal(4, all.Count);
    }

    [Fact]
    public async Task A_timer_longer_than_the_long_timer_threshold_waits_parked_outside_the_queues_and_fires_at_its_time()
    {
        var scheduledAt = Time.GetUtcNow();
        var id = await Client.ScheduleNewOrchestrationInstanceAsync("Timer", (8 * Unit).Ticks);

        if (LongTimerThreshold > TimeSpan.Zero)
        {
            // Until the sweeper may move it (two units before it is due: six after the start), the timer is parked, not queued.
            var movableFrom = scheduledAt + 6 * Unit;
            var parkedNotQueued = false;
            await WaitUntilAsync(
                async () =>
                {
                    var parked = await ParkedForAsync(id);
                    var queued = await QueuedMessageCountAsync();
                    parkedNotQueued = parked is [{ Event: TimerFired }] && queued == 0;
                    return parkedNotQueued || Time.GetUtcNow() >= movableFrom;
                },
                "the timer to be parked with the queues empty");
            Assert.True(parkedNotQueued, "the timer was never seen parked with the queues empty before it could be swept");
        }

        var result = await RunToCompletionAsync(id);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, result.RuntimeStatus);
        var elapsed = TimeSpan.FromTicks(result.ReadOutputAs<long>());
        var history = (await Host.Services.GetRequiredService<Backend.IDurableBackend>().Instances.LoadAsync(id, CancellationToken.None))!.History;
        var fireAt = Assert.Single(history.OfType<TimerCreated>()).FireAt;
        var firedIn = history.TakeWhile(e => e is not TimerFired).OfType<OrchestratorStarted>().Last().Timestamp;
        Assert.Single(history.OfType<TimerFired>());
        if (ExactTime)
        {
            Assert.Equal(8 * Unit, elapsed);
            Assert.Equal(fireAt, firedIn);
        }
        else
        {
            Assert.True(elapsed >= 8 * Unit, $"timer fired after {elapsed}");
            Assert.True(firedIn >= fireAt, $"timer due at {fireAt:O} fired in an episode at {firedIn:O}");
        }

        await WaitUntilAsync(async () => (await ParkedForAsync(id)).Count == 0, "the parked timer to be removed");
    }

    [Fact]
    public async Task An_event_that_beats_a_long_timeout_completes_and_the_swept_timer_changes_nothing()
    {
        var id = await Client.ScheduleNewOrchestrationInstanceAsync("Approval", (4 * Unit).Ticks);
        await Client.WaitForInstanceStartAsync(id);
        await WaitUntilAsync(async () => LongTimerThreshold == TimeSpan.Zero || (await ParkedForAsync(id)).Count == 1, "the timeout's timer to be parked");
        await Client.RaiseEventAsync(id, "Approval", "approved");
        var completed = await RunToCompletionAsync(id);
        Assert.Equal("approved", completed.ReadOutputAs<string>());

        var history = (await Host.Services.GetRequiredService<Backend.IDurableBackend>().Instances.LoadAsync(id, CancellationToken.None))!.History;
        await LetTimePassAsync(Assert.Single(history.OfType<TimerCreated>()).FireAt + Unit);
        await WaitUntilAsync(async () => (await ParkedForAsync(id)).Count == 0, "the parked timer to be swept");
        await SettleAsync();

        var after = await Client.GetInstanceAsync(id, getInputsAndOutputs: true);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, after!.RuntimeStatus);
        Assert.Equal("approved", after.ReadOutputAs<string>());
        Assert.Equal(completed.LastUpdatedAt, after.LastUpdatedAt);
        var final = (await Host.Services.GetRequiredService<Backend.IDurableBackend>().Instances.LoadAsync(id, CancellationToken.None))!.History;
        Assert.Empty(final.OfType<TimerFired>());
        Assert.Equal(history.Count, final.Count);
        Assert.Equal(0, await QueuedMessageCountAsync());
    }
}
