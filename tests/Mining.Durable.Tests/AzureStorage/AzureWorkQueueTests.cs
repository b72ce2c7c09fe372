using Mining.Durable.AzureStorage;
using Mining.Durable.History;
using Mining.Testing;

namespace Mining.Durable.Tests.AzureStorage;

/// <summary>A control queue on Azurite: how delayed messages (durable timers) become visible and wake this process's poller.</summary>
[Collection("DevStack")]
public sealed class AzureWorkQueueTests(DevStackFixture stack) : IAsyncLifetime
{
    private AzureStorageBackend _backend = null!;

    public async Task InitializeAsync()
    {
        _backend = new AzureStorageBackend(stack.Endpoints.AzuriteConnectionString, "q" + Guid.NewGuid().ToString("N")[..16], 1, TimeProvider.System);
        await _backend.CreateIfNotExistsAsync(CancellationToken.None);
    }

    public Task DisposeAsync() => _backend.DeleteAsync(CancellationToken.None);

    [Fact]
    public async Task A_delayed_message_is_visible_after_its_delay_rounded_down_to_whole_seconds_and_wakes_the_waiting_poller_then()
    {
        var queue = _backend.ControlQueue(0);
        var due = DateTimeOffset.UtcNow.AddSeconds(2.9);
        var timer = WorkMessage.Control("i-" + Guid.NewGuid().ToString("N"), Guid.NewGuid().ToString("N"), new TimerFired(1, due), due);

        await queue.SendAsync(timer, due - DateTimeOffset.UtcNow, CancellationToken.None);
        Assert.Empty(await queue.ReceiveAsync(32, TimeSpan.FromSeconds(30), CancellationToken.None));

        // Woken when the message becomes visible (after 2 s), long before the wait's own limit.
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        await queue.WaitAsync(TimeSpan.FromSeconds(60), limit.Token);
        var received = Assert.Single(await queue.ReceiveAsync(32, TimeSpan.FromSeconds(30), CancellationToken.None));

        // Visible before it is due: the worker holds it until then (a queue delay has whole-second resolution).
        Assert.Equal(timer.Id, received.Message.Id);
        Assert.True(received.Message.NotBefore > DateTimeOffset.UtcNow, "the message became visible only when it was due: its delay was rounded up");
    }
}
