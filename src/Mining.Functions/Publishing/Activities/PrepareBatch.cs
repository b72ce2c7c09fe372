using Mining.Functions.Hosting;
using Mining.Core.Merkle;
using Mining.Durable;
using Mining.Functions.Chain;
using Mining.Functions.Learnings;
using Mining.Functions.Rewards;
using Mining.Functions.Storage;
using Mining.Ipfs.Kubo;

namespace Mining.Functions.Publishing.Activities;

/// <summary>
/// Records each learning's reward (pending), builds the batch's Merkle tree (CIDs) and the rewards tree (every account's
/// cumulative total: the previous batch's totals plus this batch's entries, see <see cref="RewardTotals"/>), stores and
/// pins the batch manifest, and gives each learning its leaf and proof. Idempotent: a prepared batch is returned as stored.
/// </summary>
internal sealed class PrepareBatch(
    BatchStore batches, RewardLedger ledger, RewardTotals totals, ChainService chain, DocumentStore documents, IpfsTargets ipfs, LearningStore learnings,
    TimeProvider time, ILogger<PrepareBatch> logger) : TaskActivity<BatchStart, PreparedBatch>
{
    public override async Task<PreparedBatch> RunAsync(TaskActivityContext context, BatchStart input)
    {
        var ct = CancellationToken.None;
        var record = await batches.GetOrAddAsync(new BatchRecord { BatchId = input.BatchId, Items = input.Items, CreatedAt = time.GetUtcNow() }, ct);
        if (record.Prepared is { } done)
        {
            return done;
        }

        var ready = await chain.ReadyAsync();
        var entries = await ledger.RecordBatchAsync(input.BatchId, input.Items, ct);
        var rewards = await totals.IncludeAsync(input.BatchId, entries, ct);
        await ledger.SetCumulativeAsync(entries, rewards.Totals, ct);

        var manifest = BatchManifest.Create(
            ready.Deployment.ChainId, ready.Deployment.Registry.ToString(), [.. input.Items.Select(i => i.Cid)], time.GetUtcNow());
        var tree = manifest.BuildTree();
        var manifestBytes = manifest.ToJson();
        await documents.SaveManifestAsync(input.BatchId + ".json", manifestBytes, ct);
        using var stream = new MemoryStream(manifestBytes, writable: false);
        var manifestCid = (await ipfs.PrimaryNode.AddAsync(stream, new KuboAddOptions { CidVersion = 1, RawLeaves = true, Pin = true }, ct)).Cid;

        var leaves = input.Items.Select(item =>
        {
            var leaf = MerkleLeaves.ForLearning(item.Cid);
            return new BatchLeaf(item.LearningId, item.Cid, leaf.ToString(), [.. tree.GetProof(leaf).Select(p => p.ToString())]);
        }).ToList();
        var prepared = new PreparedBatch(
            input.BatchId, tree.Root.ToString(), rewards.Root, manifestCid.ToString(), leaves, manifest.Digest.ToString());
        await batches.UpdateAsync(input.BatchId, b => b with { Prepared = prepared }, ct);

        var anchoring = input.Items.Zip(leaves, (item, leaf) => (
            new LearningRef(item.LearningId, item.ContributorId, item.Cid),
            new AnchorInfo(input.BatchId, prepared.Root, leaf.Leaf, leaf.Proof, null, null, null, 0))).ToList();
        await learnings.UpdateManyAsync(BatchLearnings.Changes(anchoring, anchor => r => r with { Status = LearningStatus.Anchoring, Anchor = anchor }), ct);

        Log.BatchPrepared(logger, input.BatchId, input.Items.Count, prepared.Root, prepared.ManifestCid);
        return prepared;
    }
}
