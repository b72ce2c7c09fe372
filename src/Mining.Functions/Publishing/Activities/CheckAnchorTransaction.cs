using Mining.Functions.Hosting;
using Mining.Durable;
using Mining.Ethereum.Sending;
using Mining.Functions.Chain;

namespace Mining.Functions.Publishing.Activities;

/// <summary>
/// One step of the anchor transaction towards confirmation: counts confirmations on the canonical chain (a reorg
/// resets them), replaces a stuck transaction with higher fees, re-broadcasts a dropped one. Stores what it sent.
/// </summary>
internal sealed class CheckAnchorTransaction(BatchStore batches, ChainService chain, ILogger<CheckAnchorTransaction> logger)
    : TaskActivity<string, AnchorCheck>
{
    public override async Task<AnchorCheck> RunAsync(TaskActivityContext context, string batchId)
    {
        var ct = CancellationToken.None;
        var ready = await chain.ReadyAsync();
        var batch = await batches.FindAsync(batchId, ct) ?? throw new InvalidOperationException($"Batch {batchId} does not exist.");
        var sent = batch.Transaction ?? throw new InvalidOperationException($"Batch {batchId} has no transaction yet.");
        var (advanced, status) = await ready.Transactions.AdvanceAsync(sent, ct);
        if (status.State is TransactionState.Reverted or TransactionState.NonceTaken)
        {
            throw new TransactionFailedException(advanced, status, $"The anchor transaction of batch {batchId} ended as {status.State}.");
        }

        var receipt = status.Receipt;
        var check = new AnchorCheck(
            (receipt?.TransactionHash ?? advanced.Latest.Hash).ToString(),
            receipt is null ? null : (long)receipt.BlockNumber,
            receipt?.BlockHash.ToString(),
            (int)status.Confirmations,
            status.State == TransactionState.Confirmed);
        await batches.UpdateAsync(batchId, b => b with { Transaction = advanced, LastCheck = check }, ct);
        if (check.Confirmed)
        {
            await batches.MarkConfirmedAsync(batchId, check.BlockNumber!.Value, ct);
            Log.BatchConfirmed(logger, batchId, check.TransactionHash, check.BlockNumber!.Value, check.Confirmations);
        }

        return check;
    }
}
