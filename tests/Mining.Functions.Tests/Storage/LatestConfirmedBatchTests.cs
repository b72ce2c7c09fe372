using Mining.Ethereum;
using Mining.Functions.Batches;
using Mining.Functions.Storage;
using Mining.Testing;

namespace Mining.Functions.Tests.Storage;

/// <summary>Which batch is named the latest confirmed one (the rewards tree claims are made against), on real Azurite.</summary>
[Collection("DevStack")]
public sealed class LatestConfirmedBatchTests(DevStackFixture stack)
{
    [Fact]
    public async Task Batches_confirmed_at_the_same_time_leave_the_one_in_the_latest_block_named()
    {
        var storage = new AppStorage(stack.Endpoints.AzuriteConnectionString, new StorageRequestCounter(TimeProvider.System));
        await storage.EnsureCreatedAsync(CancellationToken.None);
        var state = new ServiceStateStore(storage);
        var registry = "0x" + Guid.NewGuid().ToString("N") + "00000000";
        var batches = new List<(BatchRecord Record, long Block)>();
        for (var block = 1; block <= 16; block++)
        {
            var record = new BatchRecord
            {
                BatchId = $"batch-{Guid.NewGuid():N}",
                Items = [],
                LastCheck = new AnchorCheck(new TxHash(Hash32.Zero), block, null, 2, true),
                CreatedAt = DateTimeOffset.UtcNow,
            };
            await new BatchStore(storage, state).GetOrAddAsync(record, CancellationToken.None);
            batches.Add((record, block));
        }

        // Each confirmation from its own store, as from separate activity executions, all at once.
        await Task.WhenAll(batches.Select(b => Task.Run(() => new BatchStore(storage, new ServiceStateStore(storage)).MarkConfirmedAsync(b.Record, registry, b.Block, CancellationToken.None))));

        var latest = await new BatchStore(storage, state).LatestConfirmedAsync(registry, CancellationToken.None);
        Assert.Equal(batches[^1].Record.BatchId, latest?.BatchId);
    }
}
