using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Mining.Durable.InMemory;
using Mining.Durable.Tests.Contract;

namespace Mining.Durable.Tests.InMemory;

/// <summary>The contract suite on the in-memory backend, with fake time: timers and retries are exact, and no test sleeps for them.</summary>
public sealed class InMemoryContractTests : DurableContractTests
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
}
