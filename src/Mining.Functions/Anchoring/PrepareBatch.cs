using Mining.Core.Merkle;
using Microsoft.DurableTask;
using Mining.Functions.Batches;
using Mining.Functions.Chain;
using Mining.Functions.Learnings;
using Mining.Functions.Logging;
using Mining.Functions.Pinning;
using Mining.Functions.Rewards;
using Mining.Functions.Storage;
using Mining.Ipfs.Kubo;
using Mining.Ethereum;

namespace Mining.Functions.Anchoring;

/// <summary>
/// Records each learning's reward (pending), builds the batch's Merkle tree (CIDs) and the rewards tree (every account's
/// cumulative total: the previous batch's totals plus this batch's entries, see <see cref="RewardTotals"/>), stores and
/// pins the batch manifest, and gives each learning its leaf and proof (kept in the batch's record). Idempotent: a batch
/// prepared before is answered from its record.
/// </summary>
/// <remarks>
/// A learning is anchored by one batch only: the batch that records its reward first owns it (the ledger's row per
/// learning is the claim), and a later batch given the same learning leaves it out. That happens when the learning is
/// handed over twice: a collector turn that crashed after starting the batch, or a learning restarted from a dead letter
/// while its batch is still anchoring. A batch left with no learnings is prepared empty and anchors nothing.
/// </remarks>
internal sealed class PrepareBatch(
    BatchStore batches, RewardLedger ledger, RewardTotals totals, ChainService chain, DocumentStore documents, IpfsTargets ipfs, LearningStore learnings,
    TimeProvider time, ILogger<PrepareBatch> logger) : TaskActivity<BatchStart, BatchPrepared>
{
    public override async Task<BatchPrepared> RunAsync(TaskActivityContext context, BatchStart input)
    {
        var ct = CancellationToken.None;
        var record = await batches.GetOrAddAsync(new BatchRecord { BatchId = input.BatchId, Items = input.Items, CreatedAt = time.GetUtcNow() }, ct);
        if (record.Prepared is { } done)
        {
            return Summary(done);
        }

        var ready = await chain.ReadyAsync();
        var recorded = await ledger.RecordBatchAsync(input.BatchId, input.Items, ct);
        var items = new List<ReadyForAnchor>();
        var entries = new List<RewardEntry>();
        foreach (var (item, entry) in input.Items.DistinctBy(i => i.LearningId).Zip(recorded))
        {
            if (entry.BatchId != input.BatchId)
            {
                Log.LeftOutOfBatch(logger, item.LearningId, input.BatchId, entry.BatchId ?? "none");
                continue;
            }

            items.Add(item);
            entries.Add(entry);
        }

        if (items.Count == 0)
        {
            var empty = new PreparedBatch(input.BatchId, Hash32.Zero, Hash32.Zero, default, [], Hash32.Zero);
            await batches.UpdateAsync(input.BatchId, b => b with { Items = [], Prepared = empty }, ct);
            return Summary(empty);
        }

        var rewards = await totals.IncludeAsync(RewardTotals.ChainOf(ready.Deployment), input.BatchId, entries, ct);
        await ledger.SetCumulativeAsync(entries, rewards.Totals, ct);

        var manifest = BatchManifest.Create(
            ready.Deployment.ChainId, ready.Deployment.Registry, [.. items.Select(i => i.Cid)], time.GetUtcNow());
        var tree = manifest.BuildTree();
        var manifestBytes = manifest.ToJson();
        await documents.SaveManifestAsync(input.BatchId + ".json", manifestBytes, ct);
        using var stream = new MemoryStream(manifestBytes, writable: false);
        var manifestCid = (await ipfs.PrimaryNode.AddAsync(stream, new KuboAddOptions { CidVersion = 1, RawLeaves = true, Pin = true }, ct)).Cid;

        var leaves = items.Select(item =>
        {
            var leaf = MerkleLeaves.ForLearning(item.Cid);
            return new BatchLeaf(item.LearningId, item.Cid, leaf, tree.GetProof(leaf));
        }).ToList();
        var prepared = new PreparedBatch(
            input.BatchId, tree.Root, rewards.Root, manifestCid, leaves, manifest.Digest);
        await batches.UpdateAsync(input.BatchId, b => b with { Items = items, Prepared = prepared }, ct);

        var anchoring = items.Zip(leaves, (item, leaf) => (
            new LearningRef(item.LearningId, item.ContributorId, item.Cid),
            new AnchorInfo(input.BatchId, prepared.Root, leaf.Leaf, leaf.Proof, null, null, null, 0))).ToList();
        await learnings.UpdateManyAsync(BatchLearnings.Changes(anchoring, anchor => r => r with { Status = LearningStatus.Anchoring, Anchor = anchor }), ct);

        Log.BatchPrepared(logger, input.BatchId, items.Count, prepared.Root, prepared.ManifestCid);
        return Summary(prepared);
    }

    private static BatchPrepared Summary(PreparedBatch prepared) => new(prepared.Root, [.. prepared.Leaves.Select(l => l.LearningId)]);
}
