namespace Mining.Ethereum.Sending;

/// <summary>Durable storage of the next nonce per (chain, sender), with compare-and-swap updates.</summary>
/// <remarks>
/// Implementations must make <see cref="TryUpdateAsync"/> atomic: it succeeds only when the stored version still equals
/// <c>expectedVersion</c> (or, with <c>expectedVersion</c> null, when no record exists yet), and then returns a new version.
/// The app implements it over Azure Tables with ETags; <see cref="InMemoryNonceStore"/> serves tests and the dev stack.
/// </remarks>
public interface INonceStore
{
    /// <summary>The stored record, or null when none exists.</summary>
    ValueTask<NonceRecord?> GetAsync(ulong chainId, Address sender, CancellationToken cancellationToken = default);

    /// <summary>
    /// Stores <paramref name="nextNonce"/> and <paramref name="reservations"/> (in one write) if the record is still at
    /// <paramref name="expectedVersion"/>; false when another writer got there first.
    /// </summary>
    ValueTask<bool> TryUpdateAsync(
        ulong chainId, Address sender, ulong nextNonce, IReadOnlyList<NonceReservation> reservations, string? expectedVersion, CancellationToken cancellationToken = default);
}
