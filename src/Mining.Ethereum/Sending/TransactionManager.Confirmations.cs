using Microsoft.Extensions.Logging;
using System.Numerics;
using Mining.Ethereum.Rpc;
using Nethereum.RPC.Eth.DTOs;
using Nethereum.Hex.HexConvertors.Extensions;

namespace Mining.Ethereum.Sending;

public sealed partial class TransactionManager
{
    /// <summary>Checks where a sent transaction stands, without side effects.</summary>
    /// <remarks>
    /// A receipt counts only if the block at its height still has the receipt's block hash; otherwise the transaction
    /// is treated as not mined (a reorg took it out) and its confirmations are back to 0.
    /// </remarks>
    public async Task<TransactionStatus> CheckAsync(SentTransaction sent, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(sent);
        if (await MinedStatusAsync(sent, cancellationToken) is { } mined)
        {
            return mined;
        }

        var minedNonce = (ulong)(await _rpc.Eth.Transactions.GetTransactionCount.SendRequestAsync(sent.From.ToString(), BlockParameter.CreateLatest()).WaitAsync(cancellationToken)).Value;
        if (minedNonce > sent.Nonce)
        {
            // A node can count the nonce a moment before it serves the receipt: while it knows one of our attempts, the
            // nonce is ours and the receipt comes on a later check.
            return await MinedStatusAsync(sent, cancellationToken)
                ?? new TransactionStatus(await ChainHoldsOneOfAsync(sent, cancellationToken) ? TransactionState.Pending : TransactionState.NonceTaken, 0, null);
        }

        if (!await ChainHoldsOneOfAsync(sent, cancellationToken))
        {
            return new TransactionStatus(TransactionState.Dropped, 0, null);
        }

        var stuck = _time.GetUtcNow() - sent.Latest.SentAt >= _options.StuckAfter;
        return new TransactionStatus(stuck ? TransactionState.Stuck : TransactionState.Pending, 0, null);
    }

    private async Task<TransactionStatus?> MinedStatusAsync(SentTransaction sent, CancellationToken cancellationToken)
    {
        var receipts = await Task.WhenAll(sent.Attempts.Select(a => _rpc.Eth.Transactions.GetTransactionReceipt.SendRequestAsync(a.Hash.ToString()))).WaitAsync(cancellationToken);
        foreach (var receipt in receipts.OfType<TransactionReceipt>())
        {
            var block = await _rpc.Eth.Blocks.GetBlockWithTransactionsHashesByNumber.SendRequestAsync(receipt.BlockNumber).WaitAsync(cancellationToken);
            if (block is null || !string.Equals(block.BlockHash, receipt.BlockHash, StringComparison.OrdinalIgnoreCase))
            {
                LogNonCanonical(_logger, receipt.TransactionHash, receipt.BlockNumber.Value, receipt.BlockHash);
                continue;
            }

            var head = (await _rpc.Eth.Blocks.GetBlockNumber.SendRequestAsync().WaitAsync(cancellationToken)).Value;
            var confirmations = head >= receipt.BlockNumber.Value ? (ulong)(head - receipt.BlockNumber.Value + 1) : 0;
            if (!receipt.Succeeded(treatNullStatusAsFailure: false))
            {
                return new TransactionStatus(TransactionState.Reverted, confirmations, receipt);
            }

            var confirmed = _options.WaitForFinalized
                ? await _rpc.Eth.Blocks.GetBlockWithTransactionsHashesByNumber.SendRequestAsync(EthRpcClient.Finalized).WaitAsync(cancellationToken) is { } finalized && finalized.Number.Value >= receipt.BlockNumber.Value
                : confirmations >= (ulong)_options.Confirmations;
            return new TransactionStatus(confirmed ? TransactionState.Confirmed : TransactionState.Included, confirmations, receipt);
        }

        return null;
    }

    /// <summary>Signs and broadcasts a replacement at the same nonce with both fees raised by at least the configured bump (≥ 12.5 %) and to the market price, up to the ceiling.</summary>
    /// <exception cref="FeeCeilingExceededException">The bump would exceed the ceiling; the pending attempt stays as it is.</exception>
    public async Task<SentTransaction> ReplaceAsync(SentTransaction sent, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(sent);
        var previous = Eip1559Of(sent);
        var gasLimit = (ulong)previous.GasLimit.GetValueOrDefault();
        var value = previous.Amount.GetValueOrDefault();
        var (marketMaxFee, marketPriority) = await MarketFeesOrCeilingAsync(cancellationToken);
        var (maxFee, priority) = ReplacementFees(sent.Latest, marketMaxFee, marketPriority);
        await RequireBalanceAsync(gasLimit, maxFee, value, cancellationToken);
        var to = string.IsNullOrEmpty(previous.ReceiverAddress) ? (Address?)null : Address.Parse(previous.ReceiverAddress.ToLowerInvariant());
        var attempt = await SignAsync(sent.Nonce, priority, maxFee, gasLimit, to, value, (previous.Data ?? "0x").HexToByteArray(), cancellationToken);
        var replaced = sent with { Attempts = [.. sent.Attempts, attempt] };
        LogReplacing(_logger, sent.Latest.Hash, attempt.Hash, sent.Nonce, maxFee, priority);
        return await BroadcastAsync(replaced, cancellationToken);
    }

    /// <summary>One step towards confirmation: checks, replaces a stuck transaction, rebroadcasts a dropped one.</summary>
    /// <returns>The transaction (with any new attempt — persist it) and the status seen.</returns>
    public async Task<(SentTransaction Transaction, TransactionStatus Status)> AdvanceAsync(SentTransaction sent, CancellationToken cancellationToken = default)
    {
        var status = await CheckAsync(sent, cancellationToken);
        switch (status.State)
        {
            case TransactionState.Dropped:
                LogDropped(_logger, sent.Latest.Hash, sent.Nonce);
                return (await BroadcastAsync(sent, cancellationToken), status);
            case TransactionState.Stuck:
                return (await ReplaceAsync(sent, cancellationToken), status);
            default:
                return (sent, status);
        }
    }

    /// <summary>Advances the transaction every <see cref="TransactionManagerOptions.PollInterval"/> until it is confirmed.</summary>
    /// <param name="sent">The transaction as prepared or last persisted.</param>
    /// <param name="onProgress">Called after every step with the transaction to persist and the status seen.</param>
    /// <param name="cancellationToken">Stops waiting (the transaction itself stays in flight).</param>
    /// <exception cref="TransactionFailedException">The transaction reverted, or its nonce was taken by a transaction that is not ours.</exception>
    public async Task<(SentTransaction Transaction, TransactionReceipt Receipt)> WaitForConfirmationAsync(
        SentTransaction sent,
        Func<SentTransaction, TransactionStatus, ValueTask>? onProgress = null,
        CancellationToken cancellationToken = default)
    {
        while (true)
        {
            (sent, var status) = await AdvanceAsync(sent, cancellationToken);
            if (onProgress is not null)
            {
                await onProgress(sent, status);
            }

            switch (status.State)
            {
                case TransactionState.Confirmed:
                    return (sent, status.Receipt!);
                case TransactionState.Reverted:
                    throw new TransactionFailedException(sent, status, $"Transaction {status.Receipt!.TransactionHash} from {sent.From} reverted in block {status.Receipt.BlockNumber.Value}; simulate it with eth_call to see the reason.");
                case TransactionState.NonceTaken:
                    throw new TransactionFailedException(sent, status, $"Nonce {sent.Nonce} of {sent.From} was used by a transaction that is not one of ours; another process is using this key. Send the request again.");
            }

            await Task.Delay(_options.PollInterval, _time, cancellationToken);
        }
    }

    private async Task<(BigInteger MaxFee, BigInteger Priority)> MarketFeesOrCeilingAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await MarketFeesAsync(cancellationToken);
        }
        catch (FeeCeilingExceededException)
        {
            return (_options.MaxFeePerGasCeiling, _options.MinPriorityFeePerGas);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Receipt of {TxHash} points at block {BlockNumber} {BlockHash}, which is no longer canonical; not counting it")]
    private static partial void LogNonCanonical(ILogger logger, string txHash, BigInteger blockNumber, string blockHash);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Transaction {TxHash} at nonce {Nonce} was dropped by the node; rebroadcasting the same raw transaction")]
    private static partial void LogDropped(ILogger logger, TxHash txHash, ulong nonce);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Replacing stuck transaction {OldTxHash} with {NewTxHash} at nonce {Nonce}: max fee {MaxFee}, priority fee {PriorityFee}")]
    private static partial void LogReplacing(ILogger logger, TxHash oldTxHash, TxHash newTxHash, ulong nonce, BigInteger maxFee, BigInteger priorityFee);
}
