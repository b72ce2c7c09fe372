using System.Collections.Concurrent;
using System.Globalization;

namespace Mining.Ethereum.Sending;

/// <summary>An <see cref="INonceStore"/> in process memory (tests, the dev stack). Not durable across restarts.</summary>
public sealed class InMemoryNonceStore : INonceStore
{
    private readonly ConcurrentDictionary<(ulong, Address), NonceRecord> _records = new();
    private long _version;

    public ValueTask<NonceRecord?> GetAsync(ulong chainId, Address sender, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(_records.TryGetValue((chainId, sender), out var record) ? record : null);

    public ValueTask<bool> TryUpdateAsync(
        ulong chainId, Address sender, ulong nextNonce, IReadOnlyList<NonceReservation> reservations, string? expectedVersion, CancellationToken cancellationToken = default)
    {
        var key = (chainId, sender);
        var updated = new NonceRecord(nextNonce, Interlocked.Increment(ref _version).ToString(CultureInfo.InvariantCulture)) { Reservations = [.. reservations] };
        if (expectedVersion is null)
        {
            return ValueTask.FromResult(_records.TryAdd(key, updated));
        }

        return ValueTask.FromResult(_records.TryGetValue(key, out var current)
            && current.Version == expectedVersion
            && _records.TryUpdate(key, updated, current));
    }
}
