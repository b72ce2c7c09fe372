using Mining.Ethereum;
using Mining.Ethereum.Sending;
using Mining.Functions.Chain;
using Mining.Functions.Storage;
using Mining.Testing;

namespace Mining.Functions.Tests.Chain;

/// <summary>The transaction manager's nonce row on real Azurite: compare-and-swap on the ETag, reservations in the same write.</summary>
[Collection("DevStack")]
public sealed class TableNonceStoreTests(DevStackFixture stack)
{
    [Fact]
    public async Task The_next_nonce_and_its_reservations_are_one_write_and_a_stale_version_changes_nothing()
    {
        var storage = new AppStorage(stack.Endpoints.AzuriteConnectionString, new StorageRequestCounter(TimeProvider.System));
        await storage.EnsureCreatedAsync(CancellationToken.None);
        var store = new TableNonceStore(storage);
        var sender = Address.Parse("0x" + Convert.ToHexString(Guid.NewGuid().ToByteArray()) + "00000000");

        Assert.Null(await store.GetAsync(31337, sender));
        Assert.True(await store.TryUpdateAsync(31337, sender, 1, [new NonceReservation("anchor:b1", 0)], expectedVersion: null));
        Assert.False(await store.TryUpdateAsync(31337, sender, 5, [], expectedVersion: null));
        var first = (await store.GetAsync(31337, sender))!;

        Assert.True(await store.TryUpdateAsync(31337, sender, 2, [.. first.Reservations, new NonceReservation("anchor:b2", 1)], first.Version));
        Assert.False(await store.TryUpdateAsync(31337, sender, 9, [], first.Version));

        var stored = (await store.GetAsync(31337, sender))!;
        Assert.Equal(2UL, stored.NextNonce);
        Assert.Equal([new NonceReservation("anchor:b1", 0), new NonceReservation("anchor:b2", 1)], stored.Reservations);
        Assert.Null(await store.GetAsync(1, sender));
    }
}
