using Microsoft.Extensions.Logging;
using Mining.Ethereum.Rpc;

namespace Mining.Ethereum.Sending;

public sealed partial class TransactionManager
{
    private const int MaxNonceConflicts = 1000;

    /// <summary>Resets the stored nonce to the chain's pending nonce (heals a gap left by a nonce that was allocated but never broadcast).</summary>
    /// <remarks>Only call it when no other send from this sender is in flight.</remarks>
    public async Task<ulong> ReconcileNonceAsync(CancellationToken cancellationToken = default)
    {
        var chainNext = await _rpc.GetTransactionCountAsync(Sender, BlockParameter.Pending, cancellationToken);
        for (var i = 0; i < MaxNonceConflicts; i++)
        {
            var stored = await _nonces.GetAsync(_options.ChainId, Sender, cancellationToken);
            if (await _nonces.TryUpdateAsync(_options.ChainId, Sender, chainNext, stored?.Version, cancellationToken))
            {
                return chainNext;
            }
        }

        throw NonceContention();
    }

    private async Task<ulong> AllocateNonceAsync(CancellationToken cancellationToken)
    {
        var chainNext = await _rpc.GetTransactionCountAsync(Sender, BlockParameter.Pending, cancellationToken);
        for (var i = 0; i < MaxNonceConflicts; i++)
        {
            var stored = await _nonces.GetAsync(_options.ChainId, Sender, cancellationToken);
            var nonce = Math.Max(stored?.NextNonce ?? 0, chainNext);
            if (await _nonces.TryUpdateAsync(_options.ChainId, Sender, nonce + 1, stored?.Version, cancellationToken))
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
            await _nonces.TryUpdateAsync(_options.ChainId, Sender, nonce, stored.Version, cancellationToken);
        }
    }

    private InvalidOperationException NonceContention() =>
        new($"Could not allocate a nonce for {Sender}: the nonce store kept changing under {MaxNonceConflicts} attempts. Check that the store's compare-and-swap works.");

    [LoggerMessage(Level = LogLevel.Warning, Message = "Stored nonce {Stored} of {Sender} was behind the chain's pending nonce {Chain}; continuing from the chain")]
    private static partial void LogNonceReconciled(ILogger logger, Address sender, ulong stored, ulong chain);
}
