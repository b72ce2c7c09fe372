using Microsoft.Extensions.Options;
using Microsoft.DurableTask;
using Mining.Ethereum;
using Mining.Ethereum.Rpc;
using Mining.Ethereum.Sending;
using Mining.Functions.Batches;
using Mining.Functions.Chain;
using Mining.Functions.DeadLetters;
using Mining.Functions.Learnings;
using Mining.Functions.Logging;
using Mining.Functions.Operations;
using Mining.Functions.Options;
using Mining.Functions.Rewards;
using Mining.Functions.Telemetry;

namespace Mining.Functions.Anchoring;

/// <summary>
/// Sends the batch's <c>anchor</c> transaction. The signed transaction is stored before it is broadcast, so a repeated
/// call re-broadcasts the same raw bytes (same nonce, same hash) instead of sending a second one; its nonce is reserved
/// under the batch's id, so a call that crashed between taking the nonce and storing the transaction signs again at that nonce.
/// </summary>
/// <remarks>
/// When the operator account cannot pay (balance below gas limit × max fee per gas + value, or the node says so) it
/// sends nothing and does not fail: it alerts the operator once for the batch, writes the wait into the learnings'
/// reason (on the first wait; cleared once sent) and returns <see cref="AnchorSendResult.WaitingForFunds"/>, so <see cref="AnchorBatch"/> waits and calls it
/// again instead of burning its retries.
/// <para>
/// The registry keeps the rewards root of the anchor mined last, and a batch's rewards tree contains the trees counted
/// before it (<see cref="RewardTotals"/>); one sender's transactions are mined in nonce order. So the roots must take
/// their nonces in counting order: a batch takes its nonce once the batch counted just before it has taken its own (or
/// was mined, or its dead letter deleted) and returns <see cref="AnchorSendResult.WaitingForBatch"/> until then, for at
/// most <see cref="PublishingOptions.AnchorOrderPatience"/>. A batch that finds a batch counted after it already holding a
/// nonce (that one stopped waiting) anchors its learnings with a zero rewards root, which leaves the newer root in place.
/// </para>
/// </remarks>
internal sealed class SendAnchorTransaction(
    BatchStore batches, RewardTotals totals, DeadLetterStore deadLetters, ChainService chain, TableNonceStore nonces, LearningStore learnings,
    OperatorAlerts alerts, IOptions<PublishingOptions> options, ILogger<SendAnchorTransaction> logger)
    : TaskActivity<SendAnchorRequest, AnchorSendResult>
{
    public override async Task<AnchorSendResult> RunAsync(TaskActivityContext context, SendAnchorRequest input)
    {
        var ct = CancellationToken.None;
        var batchId = input.BatchId;
        var ready = await chain.ReadyAsync();
        var batch = await batches.FindAsync(batchId, ct) ?? throw new InvalidOperationException($"Batch {batchId} does not exist.");
        var prepared = batch.Prepared ?? throw new InvalidOperationException($"Batch {batchId} is not prepared.");
        using var span = PipelineTelemetry.StartBatchSpan(MiningTelemetry.Spans.AnchorSend, batchId, prepared.Root, [.. batch.Items.Select(i => (i.LearningId, i.Cid))]);
        var sent = batch.Transaction;
        Hash32? rewardsRoot = null;
        if (sent is null)
        {
            var rewardsChain = RewardTotals.ChainOf(ready.Deployment);
            if (await SentAfterAsync(rewardsChain, batchId, ct))
            {
                rewardsRoot = Hash32.Zero;
            }
            else if (!input.OrderWaitOver && await EarlierNotSentAsync(rewardsChain, batchId, ct) is { } earlier)
            {
                Log.WaitingForEarlierBatch(logger, batchId, earlier);
                return new AnchorSendResult(null, null, earlier);
            }
        }

        try
        {
            if (sent is null)
            {
                var root = rewardsRoot ?? prepared.RewardsRoot;
                // Keyed by the batch: a crash before the signed transaction is stored leaves no nonce gap, the next try signs at the same nonce.
                sent = await ready.Transactions.PrepareAsync(
                    ready.Registry.Anchor(
                        prepared.Root, (uint)prepared.Leaves.Count, prepared.ManifestDigest, root) with { OperationKey = "anchor:" + batchId },
                    ct);
                var stored = sent;
                sent = (await batches.UpdateAsync(
                    batchId, b => b.Transaction is null ? b with { Transaction = stored, RewardsRootSent = root } : b, ct)).Transaction!;
            }
            else
            {
                await ready.Transactions.RequireFundsAsync(sent, ct);
            }

            sent = await ready.Transactions.BroadcastAsync(sent, ct);
        }
        catch (InsufficientFundsException e)
        {
            if (sent is not null && await NonceReleasedAsync(ready.Transactions, sent, ct))
            {
                // The node refused it and the manager gave its nonce back: the next try prepares a new one.
                await batches.UpdateAsync(batchId, b => b with { Transaction = null }, ct);
            }

            var shortfall = await FundsShortfall.FromAsync(e, sent?.ChainId ?? ready.Deployment.ChainId, ready.Transactions.Sender, chain.Rpc, ct);
            return await WaitForFundsAsync(batch, shortfall, firstWait: !input.AfterFundsWait, ct);
        }

        var sentNow = sent;
        await batches.UpdateAsync(batchId, b => b with { Transaction = sentNow }, ct);
        if (input.AfterFundsWait)
        {
            await ClearWaitAsync(batch, ct);
        }

        PipelineTelemetry.Transaction(span, sent.Latest.Hash);
        Log.AnchorSent(logger, sent.Latest.Hash, batchId, prepared.Root);
        return new AnchorSendResult(sent.Latest.Hash, null);
    }

    /// <summary>The batch counted just before this one while it holds no nonce and may still send; null when this batch may send.</summary>
    private async Task<string?> EarlierNotSentAsync(string chain, string batchId, CancellationToken ct)
    {
        if (await totals.CountedBeforeAsync(chain, batchId, ct) is not { } earlier
            || await batches.FindAsync(earlier, ct) is not { Prepared.Leaves.Count: > 0 } record
            || record.Transaction is not null || record.LastCheck?.BlockNumber is not null)
        {
            return null;
        }

        return await deadLetters.FindAsync(DeadLetterRecord.IdFor(earlier), ct) is { Record.State: DeadLetterState.Deleted } ? null : earlier;
    }

    /// <summary>True when a batch counted after this one already holds a nonce: its rewards root, a superset, comes first.</summary>
    private async Task<bool> SentAfterAsync(string chain, string batchId, CancellationToken ct)
    {
        foreach (var later in await totals.CountedAfterAsync(chain, batchId, ct))
        {
            if (await batches.FindAsync(later, ct) is { Transaction: not null })
            {
                return true;
            }
        }

        return false;
    }

    private async Task<bool> NonceReleasedAsync(TransactionManager manager, SentTransaction sent, CancellationToken ct) =>
        await nonces.GetAsync(sent.ChainId, manager.Sender, ct) is not { } stored || stored.NextNonce <= sent.Nonce;

    private async Task<AnchorSendResult> WaitForFundsAsync(BatchRecord batch, FundsShortfall shortfall, bool firstWait, CancellationToken ct)
    {
        var reason = shortfall.Describe(batch.BatchId);
        Log.WaitingForFunds(logger, batch.BatchId, shortfall.Operator.ToString(), shortfall.Balance.ToString(), shortfall.Needed.ToString(), shortfall.ChainId);
        if (firstWait)
        {
            foreach (var item in batch.Items)
            {
                await learnings.UpdateAsync(item.ContributorId, item.LearningId, r => r with { Reason = reason }, ct);
            }
        }

        try
        {
            await alerts.SendOnceAsync(shortfall.Alert(batch.BatchId, options.Value.FundsPollInterval), ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The alert stays claimed but unsent, so the next check sends it; a broken channel must not fail the batch.
            Log.FundsAlertFailed(logger, batch.BatchId, e.Message);
        }

        return new AnchorSendResult(null, reason);
    }

    private async Task ClearWaitAsync(BatchRecord batch, CancellationToken ct)
    {
        var waiting = FundsShortfall.WaitPrefix(batch.BatchId);
        foreach (var item in batch.Items)
        {
            if (await learnings.FindAsync(item.ContributorId, item.LearningId, ct) is { Reason: { } reason } && reason.StartsWith(waiting, StringComparison.Ordinal))
            {
                await learnings.UpdateAsync(
                    item.ContributorId, item.LearningId, r => r.Reason?.StartsWith(waiting, StringComparison.Ordinal) == true ? r with { Reason = null } : r, ct);
            }
        }
    }
}
