using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Mining.Durable.InMemory;
using Mining.Durable.Tests.Contract;

namespace Mining.Durable.Tests.InMemory;

/// <summary>The contract suite on the in-memory backend, with fake time: timers and retries are exact, and no test sleeps for them.</summary>
public class InMemoryContractTests : DurableContractTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));

    protected override TimeSpan Unit => TimeSpan.FromHours(1);

    protected override TimeProvider Time => _time;

    protected override bool ExactTime => true;

    internal InMemoryBackend Backend => (InMemoryBackend)Host.Services.GetRequiredService<Durable.Backend.IDurableBackend>();

    protected override void UseBackend(IServiceCollection services, DurableTaskBuilder builder) => builder.UseInMemory();

    protected override Task SettleAsync() => FakeTime.WaitQuietAsync(Backend);

    protected override Task<OrchestrationMetadata> RunToCompletionAsync(string instanceId) =>
        FakeTime.RunToCompletionAsync(Client, Backend, _time, instanceId);

    protected override Task LetTimePassAsync(DateTimeOffset until) => FakeTime.RunUntilAsync(Backend, _time, until);

    protected override Task<int> QueuedMessageCountAsync() => Task.FromResult(Backend.AllQueues.Sum(q => q.Count));

    [Fact]
    public async Task Activities_go_through_the_work_item_queue_unless_an_episode_runs_them_inline_and_fan_outs_above_the_limit_always_do()
    {
        var sequence = await FakeTime.RunToCompletionAsync(
            Client, Backend, _time, await Client.ScheduleNewOrchestrationInstanceAsync("Sequence", new[] { "Tokyo", "Seattle", "London" }));
        Assert.Equal(OrchestrationRuntimeStatus.Completed, sequence.RuntimeStatus);
        Assert.Equal(MaxInlineActivities > 0 ? 0 : 3, Backend.Activities.SentCount);

        var fanOut = await FakeTime.RunToCompletionAsync(Client, Backend, _time, await Client.ScheduleNewOrchestrationInstanceAsync("FanOut", 5));
        Assert.Equal(OrchestrationRuntimeStatus.Completed, fanOut.RuntimeStatus);
        Assert.Equal(MaxInlineActivities > 0 ? 5 : 8, Backend.Activities.SentCount);
    }
}

/// <summary>The same suite with activities run inline in their episodes (up to 4 at a time; larger fan-outs use the queue).</summary>
public sealed class InMemoryInlineActivitiesContractTests : InMemoryContractTests
{
    protected override int MaxInlineActivities => 4;
}

/// <summary>The same suite with parking off: every durable timer waits in its control queue.</summary>
public sealed class InMemoryUnparkedTimersContractTests : InMemoryContractTests
{
    protected override TimeSpan LongTimerThreshold => TimeSpan.Zero;
}
