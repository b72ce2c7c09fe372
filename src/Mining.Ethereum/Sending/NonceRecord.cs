namespace Mining.Ethereum.Sending;

/// <summary>
/// The next nonce to use for a sender, the store's concurrency version (e.g. an ETag), and the nonces recently allocated
/// under an operation key (<see cref="TransactionRequest.OperationKey"/>), oldest first.
/// </summary>
public sealed record NonceRecord(ulong NextNonce, string Version)
{
    /// <summary>The most reservations a record keeps; older ones are dropped first.</summary>
    public const int MaxReservations = 32;

    public IReadOnlyList<NonceReservation> Reservations { get; init; } = [];
}

/// <summary>Nonce <paramref name="Nonce"/> was allocated to the operation <paramref name="Key"/>.</summary>
public sealed record NonceReservation(string Key, ulong Nonce);
