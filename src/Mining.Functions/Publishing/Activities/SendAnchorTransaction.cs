using Mining.Functions.Hosting;
using Mining.Durable;
using Mining.Ethereum;
using Mining.Functions.Chain;

namespace Mining.Functions.Publishing.Activities;

/// <summary>
/// Sends the batch's <c>anchor</c> transaction. The signed transaction is stored before it is broadcast, so a repeated
/// call re-broadcasts the same raw bytes (same nonce, same hash) instead of sending a second one.
/// </summary>
internal sealed class SendAnchorTransaction(BatchStore batches, ChainService chain, ILogger<SendAnchorTransaction> logger)
    : TaskActivity<string, string>
{
    public override async Task<string> RunAsync(TaskActivityContext context, string batchId)
    {
        var ct = CancellationToken.None;
        var ready = await chain.ReadyAsync();
        var batch = await batches.FindAsync(batchId, ct) ?? throw new InvalidOperationException($"Batch {batchId} does not exist.");
        var prepared = batch.Prepared ?? throw new InvalidOperationException($"Batch {batchId} is not prepared.");
        var sent = batch.Transaction;
        if (sent is null)
        {
            sent = await ready.Transactions.PrepareAsync(
                ready.Registry.Anchor(
                    Hash32.Parse(prepared.Root), (uint)prepared.Leaves.Count, Hash32.Parse(prepared.ManifestDigest), Hash32.Parse(prepared.RewardsRoot)),
                ct);
            var stored = sent;
            await batches.UpdateAsync(batchId, b => b with { Transaction = b.Transaction ?? stored }, ct);
        }

        sent = await ready.Transactions.BroadcastAsync(sent, ct);
        await batches.UpdateAsync(batchId, b => b with { Transaction = sent }, ct);
        Log.AnchorSent(logger, sent.Latest.Hash.ToString(), batchId, prepared.Root);
        return sent.Latest.Hash.ToString();
    }
}
