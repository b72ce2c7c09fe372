using Mining.Durable.AzureStorage;
using Mining.Durable.History;
using Mining.Testing;

namespace Mining.Durable.Tests.AzureStorage;

/// <summary>The parked-timer table (<c>{hub}Timers</c>) on Azurite: park, read what is due, remove; by message id and minute bucket.</summary>
[Collection("DevStack")]
public sealed class AzureParkedMessagesTests(DevStackFixture stack) : IAsyncLifetime
{
    private static readonly DateTimeOffset Noon = new(2030, 1, 1, 12, 0, 0, TimeSpan.Zero);

    private AzureStorageBackend _backend = null!;

    public async Task InitializeAsync()
    {
        _backend = new AzureStorageBackend(stack.Endpoints.AzuriteConnectionString, "p" + Guid.NewGuid().ToString("N")[..16], 1, TimeProvider.System);
        await _backend.CreateIfNotExistsAsync(CancellationToken.None);
    }

    public Task DisposeAsync() => _backend.DeleteAsync(CancellationToken.None);

    private static WorkMessage Timer(DateTimeOffset due, string? executionId = null) =>
        WorkMessage.Control($"i-{Guid.NewGuid():N}", executionId ?? Guid.NewGuid().ToString("N"), new TimerFired(1, due), due);

    [Fact]
    public async Task Parked_timers_come_back_by_due_time_earliest_first_in_bounded_pages_and_parking_again_overwrites()
    {
        var parked = _backend.ParkedMessages;
        var inTenSeconds = Timer(Noon.AddSeconds(10));
        var inFortySeconds = Timer(Noon.AddSeconds(40));
        var inFiveMinutes = Timer(Noon.AddMinutes(5));
        var inTwoHours = Timer(Noon.AddHours(2));
        foreach (var message in new[] { inTwoHours, inFortySeconds, inFiveMinutes, inTenSeconds })
        {
            Assert.True(await parked.ParkAsync(message, default));
        }

        var before = _backend.Operations.Table;
        Assert.True(await parked.ParkAsync(inTenSeconds, default));
        Assert.Equal(before + 1, _backend.Operations.Table);

        // Within a minute the exact due time decides what is due; rows of one minute come back in id order.
        Assert.Empty(await parked.ReadDueAsync(Noon.AddSeconds(9), 100, default));
        Assert.Equal([inTenSeconds], await parked.ReadDueAsync(Noon.AddSeconds(20), 100, default));
        AssertSame([inTenSeconds, inFortySeconds], await parked.ReadDueAsync(Noon.AddMinutes(1), 100, default));
        AssertSame([inTenSeconds, inFortySeconds], await parked.ReadDueAsync(Noon.AddHours(3), 2, default));
        var all = await parked.ReadDueAsync(Noon.AddHours(3), 100, default);
        AssertSame([inTenSeconds, inFortySeconds], all.Take(2));
        Assert.Equal([inFiveMinutes, inTwoHours], all.Skip(2));
    }

    private static void AssertSame(IEnumerable<WorkMessage> expected, IEnumerable<WorkMessage> actual) =>
        Assert.Equal(expected.OrderBy(m => m.Id, StringComparer.Ordinal), actual.OrderBy(m => m.Id, StringComparer.Ordinal));

    [Fact]
    public async Task Removing_a_read_batch_skips_rows_another_sweeper_removed_and_spans_transactions_and_buckets()
    {
        var parked = _backend.ParkedMessages;
        var messages = Enumerable.Range(0, 150).Select(i => Timer(Noon.AddSeconds(i % 3 == 0 ? 70 : 5))).ToList();
        await Parallel.ForEachAsync(messages, async (m, ct) => await parked.ParkAsync(m, ct));
        var due = await parked.ReadDueAsync(Noon.AddMinutes(2), 1000, default);
        Assert.Equal(150, due.Count);

        await parked.RemoveAsync([due[0], due[^1]], default);
        await parked.RemoveAsync(due, default);
        await parked.RemoveAsync(due, default);

        Assert.Empty(await parked.ReadDueAsync(Noon.AddYears(1), 1000, default));
    }

    [Fact]
    public async Task A_message_too_long_for_a_table_property_is_not_parked()
    {
        var parked = _backend.ParkedMessages;
        var huge = Timer(Noon, new string('x', 31_000));

        Assert.False(await parked.ParkAsync(huge, default));
        Assert.Empty(await parked.ReadDueAsync(Noon.AddYears(1), 100, default));
    }
}
