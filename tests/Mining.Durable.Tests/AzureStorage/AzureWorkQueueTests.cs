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
        var arrival = queue.Arrival;
        Assert.Empty(await queue.ReceiveAsync(32, TimeSpan.FromSeconds(30), CancellationToken.None));

        // Woken when the message becomes visible (after 2 s).
        await arrival.WaitAsync(TimeSpan.FromSeconds(20));
        var received = Assert.Single(await queue.ReceiveAsync(32, TimeSpan.FromSeconds(30), CancellationToken.None));

        // Visible before it is due: the worker holds it until then (a queue delay has whole-second resolution).
        Assert.Equal(timer.Id, received.Message.Id);
        Assert.True(received.Message.NotBefore > DateTimeOffset.UtcNow, "the message became visible only when it was due: its delay was rounded up");
    }

    [Fact]
    public async Task A_message_sent_while_a_receive_is_under_way_wakes_the_poller_that_read_the_arrival_before_receiving()
    {
        var queue = _backend.ControlQueue(0);
        var arrival = queue.Arrival;
        var receiving = queue.ReceiveAsync(32, TimeSpan.FromSeconds(30), CancellationToken.None);
        var message = WorkMessage.Control("i-" + Guid.NewGuid().ToString("N"), Guid.NewGuid().ToString("N"), new EventRaised("Ready", null));
        await queue.SendAsync(message, TimeSpan.Zero, CancellationToken.None);
        var received = await receiving;

        // Whether or not the receive saw it, the poller that goes on to wait is woken at once, not at its polling limit.
        Assert.True(arrival.IsCompleted, "the send after the arrival was read did not complete it");
        Assert.False(queue.Arrival.IsCompleted, "a poller reading the arrival now would be woken by a send that came before");
        Assert.Contains(message.Id, received.Concat(await queue.ReceiveAsync(32, TimeSpan.FromSeconds(30), CancellationToken.None)).Select(m => m.Message.Id));
    }
}
