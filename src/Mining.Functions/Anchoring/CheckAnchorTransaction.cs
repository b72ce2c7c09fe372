using Microsoft.DurableTask;
using Mining.Ethereum;
using Mining.Ethereum.Rpc;
using Mining.Ethereum.Sending;
using Mining.Functions.Batches;
using Mining.Functions.Chain;
using Mining.Functions.Learnings;
using Mining.Functions.Logging;
using Mining.Functions.Telemetry;

namespace Mining.Functions.Anchoring;

/// <summary>
/// One step of the anchor transaction towards confirmation: counts confirmations on the canonical chain (a reorg
/// resets them and the dropped transaction is re-broadcast), replaces a stuck transaction with higher fees after
/// <c>Chain:StuckAfter</c>, re-broadcasts a dropped one. Stores what it sent and what it saw.
/// </summary>
/// <remarks>
/// A replacement the fee ceiling or the operator's balance does not allow is postponed (logged), not a failure: the
/// pending attempt can still be mined. The check it returns always describes the canonical chain at that moment.
/// </remarks>
internal sealed class CheckAnchorTransaction(BatchStore batches, ChainService chain, TimeProvider time, ILogger<CheckAnchorTransaction> logger)
    : TaskActivity<string, AnchorCheck>
{
    public override async Task<AnchorCheck> RunAsync(TaskActivityContext context, string batchId)
    {
        var ct = CancellationToken.None;
        var ready = await chain.ReadyAsync();
        var batch = await batches.FindAsync(batchId, ct) ?? throw new InvalidOperationException($"Batch {batchId} does not exist.");
        var sent = batch.Transaction ?? throw new InvalidOperationException($"Batch {batchId} has no transaction yet.");
        using var span = PipelineTelemetry.StartBatchSpan(MiningTelemetry.Spans.AnchorCheck, batchId, batch.Prepared?.Root, [.. batch.Items.Select(i => (i.LearningId, i.Cid))]);
        SentTransaction advanced;
        TransactionStatus status;
        try
        {
            (advanced, status) = await ready.Transactions.AdvanceAsync(sent, ct);
        }
        catch (Exception e) when (e is FeeCeilingExceededException or InsufficientFundsException)
        {
            // Only replacing a stuck transaction can fail this way: the pending attempt stays in the pool and may still be
            // mined, so the batch keeps polling instead of failing; the next poll tries the replacement again.
            Log.ReplacementPostponed(logger, batchId, sent.Latest.Hash, e.Message);
            (advanced, status) = (sent, new TransactionStatus(TransactionState.Pending, 0, null));
        }

        if (status.State is TransactionState.Reverted or TransactionState.NonceTaken)
        {
            throw new TransactionFailedException(advanced, status, $"The anchor transaction of batch {batchId} ended as {status.State}.");
        }

        var receipt = status.Receipt;
        var check = new AnchorCheck(
            receipt is null ? advanced.Latest.Hash : TxHash.Parse(receipt.TransactionHash),
            receipt is null ? null : (long)receipt.BlockNumber.Value,
            receipt is null ? null : Hash32.Parse(receipt.BlockHash),
            (int)status.Confirmations,
            status.State == TransactionState.Confirmed);
        var updated = await batches.UpdateAsync(batchId, b => b with { Transaction = advanced, LastCheck = check }, ct);
        PipelineTelemetry.Transaction(span, check.TransactionHash, check.Confirmations);
        if (check.Confirmed)
        {
            PipelineTelemetry.BatchConfirmed(advanced, receipt!, time.GetUtcNow());
            await batches.MarkConfirmedAsync(updated, ready.Deployment.Registry.ToString(), check.BlockNumber!.Value, ct);
            Log.BatchConfirmed(logger, batchId, check.TransactionHash, check.BlockNumber!.Value, check.Confirmations);
        }

        return check;
    }
}
