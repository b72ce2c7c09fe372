using Microsoft.Extensions.Logging;
using Nethereum.RPC.Eth.DTOs;

namespace Mining.Ethereum.Sending;

public sealed partial class TransactionManager
{
    private const int MaxNonceConflicts = 1000;

    /// <summary>Resets the stored nonce to the chain's pending nonce (heals a gap left by a nonce that was allocated but never broadcast).</summary>
    /// <remarks>Only call it when no other send from this sender is in flight.</remarks>
    public async Task<ulong> ReconcileNonceAsync(CancellationToken cancellationToken = default)
    {
        var chainNext = await PendingNonceAsync(cancellationToken);
        for (var i = 0; i < MaxNonceConflicts; i++)
        {
            var stored = await _nonces.GetAsync(_options.ChainId, Sender, cancellationToken);
            if (await _nonces.TryUpdateAsync(_options.ChainId, Sender, chainNext, stored?.Reservations ?? [], stored?.Version, cancellationToken))
            {
                return chainNext;
            }
        }

        throw NonceContention();
    }

    /// <summary>
    /// The next nonce, or the one reserved earlier under <paramref name="operationKey"/> while the chain has not used it
    /// (the caller prepared before, and crashed before it stored or broadcast the result).
    /// </summary>
    private async Task<ulong> AllocateNonceAsync(string? operationKey, CancellationToken cancellationToken)
    {
        var chainNext = await PendingNonceAsync(cancellationToken);
        for (var i = 0; i < MaxNonceConflicts; i++)
        {
            var stored = await _nonces.GetAsync(_options.ChainId, Sender, cancellationToken);
            var reservations = stored?.Reservations ?? [];
            var reserved = operationKey is null ? null : reservations.LastOrDefault(r => r.Key == operationKey);
            if (reserved is not null && reserved.Nonce >= chainNext)
            {
                if (stored!.NextNonce > reserved.Nonce
                    || await _nonces.TryUpdateAsync(_options.ChainId, Sender, reserved.Nonce + 1, reservations, stored.Version, cancellationToken))
                {
                    LogNonceReused(_logger, reserved.Nonce, operationKey!);
                    return reserved.Nonce;
                }

                continue;
            }

            var nonce = Math.Max(stored?.NextNonce ?? 0, chainNext);
            // A reservation of this nonce for another operation is stale (released, or reconciled away): it is dropped.
            IEnumerable<NonceReservation> kept = reservations.Where(r => r.Key != operationKey && r.Nonce != nonce);
            kept = operationKey is null ? kept : [.. kept.TakeLast(NonceRecord.MaxReservations - 1), new NonceReservation(operationKey, nonce)];
            if (await _nonces.TryUpdateAsync(_options.ChainId, Sender, nonce + 1, [.. kept], stored?.Version, cancellationToken))
            {
                if (stored is not null && stored.NextNonce < chainNext)
                {
                    LogNonceReconciled(_logger, Sender, stored.NextNonce, chainNext);
                }

                return nonce;
            }
        }

        throw NonceContention();
    }

    private async Task ReleaseNonceAsync(ulong nonce, CancellationToken cancellationToken)
    {
        var stored = await _nonces.GetAsync(_options.ChainId, Sender, cancellationToken);
        if (stored is not null && stored.NextNonce == nonce + 1)
        {
            await _nonces.TryUpdateAsync(_options.ChainId, Sender, nonce, [.. stored.Reservations.Where(r => r.Nonce != nonce)], stored.Version, cancellationToken);
        }
    }

    private async Task<ulong> PendingNonceAsync(CancellationToken cancellationToken) =>
        (ulong)(await _rpc.Eth.Transactions.GetTransactionCount.SendRequestAsync(Sender.ToString(), BlockParameter.CreatePending()).WaitAsync(cancellationToken)).Value;

    private InvalidOperationException NonceContention() =>
        new($"Could not allocate a nonce for {Sender}: the nonce store kept changing under {MaxNonceConflicts} attempts. Check that the store's compare-and-swap works.");

    [LoggerMessage(Level = LogLevel.Information, Message = "Nonce {Nonce} was reserved for operation {OperationKey} before and is used again")]
    private static partial void LogNonceReused(ILogger logger, ulong nonce, string operationKey);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Stored nonce {Stored} of {Sender} was behind the chain's pending nonce {Chain}; continuing from the chain")]
    private static partial void LogNonceReconciled(ILogger logger, Address sender, ulong stored, ulong chain);
}
