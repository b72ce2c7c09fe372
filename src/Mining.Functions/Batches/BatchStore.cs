using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Mining.Ethereum;
using Mining.Ethereum.Sending;
using Mining.Functions.Learnings;
using Mining.Functions.Storage;

namespace Mining.Functions.Batches;

/// <summary>A batch as stored: its learnings, what preparing it produced, its transaction, and the rewards tree.</summary>
internal sealed record BatchRecord
{
    public required string BatchId { get; init; }
    public required IReadOnlyList<ReadyForAnchor> Items { get; init; }
    public PreparedBatch? Prepared { get; init; }
    public IReadOnlyList<RewardLeaf> Rewards { get; init; } = [];
    public SentTransaction? Transaction { get; init; }

    /// <summary>
    /// The rewards root the anchor transaction publishes: the batch's own, or zero ("unchanged") when a batch counted
    /// after it was sent first (its root contains this batch's rewards). Null on batches stored before it was kept.
    /// </summary>
    public Hash32? RewardsRootSent { get; init; }
    public AnchorCheck? LastCheck { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
}

/// <summary>One account's cumulative reward in a batch's rewards tree.</summary>
public sealed record RewardLeaf(string Account, string CumulativeAmount, string Leaf, IReadOnlyList<string> Proof);

/// <summary>
/// Batches as JSON blobs (a batch of hundreds of proofs outgrows a table row), updated with ETags so concurrent
/// writers never lose each other's changes. The latest confirmed batch is named in the service state.
/// </summary>
internal sealed class BatchStore(AppStorage storage, ServiceStateStore state)
{
    private const string LatestConfirmedKey = "latest-confirmed-batch";

    private BlobContainerClient Container => storage.Container(AppStorage.BatchesContainer);

    public async Task<BatchRecord> GetOrAddAsync(BatchRecord record, CancellationToken cancellationToken)
    {
        try
        {
            await Container.GetBlobClient(record.BatchId).UploadAsync(
                BinaryData.FromObjectAsJson(record, LearningStore.Json),
                new BlobUploadOptions { Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All } },
                cancellationToken);
            return record;
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            return (await FindAsync(record.BatchId, cancellationToken))!;
        }
    }

    public async Task<BatchRecord?> FindAsync(string batchId, CancellationToken cancellationToken) =>
        (await ReadAsync(batchId, cancellationToken))?.Record;

    public async Task<BatchRecord> UpdateAsync(string batchId, Func<BatchRecord, BatchRecord> change, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            var (record, etag) = (await ReadAsync(batchId, cancellationToken))
                ?? throw new InvalidOperationException($"Batch {batchId} does not exist.");
            var updated = change(record);
            try
            {
                await Container.GetBlobClient(batchId).UploadAsync(
                    BinaryData.FromObjectAsJson(updated, LearningStore.Json),
                    new BlobUploadOptions { Conditions = new BlobRequestConditions { IfMatch = etag } },
                    cancellationToken);
                return updated;
            }
            catch (RequestFailedException e) when (e.Status == 412 && attempt < 20)
            {
                continue;
            }
        }
    }

    /// <summary>
    /// Names <paramref name="batch"/> the latest confirmed batch on <paramref name="registry"/>, unless a later block
    /// already holds one there. Kept per registry: block numbers of different chains (or a registry deployed again)
    /// do not compare, and claims are made against one registry's rewards root.
    /// </summary>
    /// <remarks>A batch whose transaction left the rewards root unchanged is not named: the chain's root is another batch's.</remarks>
    public async Task MarkConfirmedAsync(BatchRecord batch, string registry, long blockNumber, CancellationToken cancellationToken)
    {
        if (batch.RewardsRootSent == Hash32.Zero)
        {
            return;
        }

        // Compare-and-swap: two batches confirmed at once must not leave the older one named as the latest.
        var key = LatestConfirmedKeyOf(registry);
        while (true)
        {
            var (current, etag) = await state.ReadAsync(key, cancellationToken);
            if (current == batch.BatchId
                || (current is not null && await FindAsync(current, cancellationToken) is { LastCheck.BlockNumber: { } block } && block > blockNumber)
                || await state.TrySetAsync(key, batch.BatchId, etag, cancellationToken))
            {
                return;
            }
        }
    }

    /// <summary>The most recently confirmed batch on <paramref name="registry"/>: its rewards tree is the one claims are made against.</summary>
    public async Task<BatchRecord?> LatestConfirmedAsync(string registry, CancellationToken cancellationToken) =>
        await state.GetAsync(LatestConfirmedKeyOf(registry), cancellationToken) is { } id ? await FindAsync(id, cancellationToken) : null;

    private static string LatestConfirmedKeyOf(string registry) => $"{LatestConfirmedKey}-{registry.ToLowerInvariant()}";

    private async Task<(BatchRecord Record, ETag ETag)?> ReadAsync(string batchId, CancellationToken cancellationToken)
    {
        try
        {
            var result = await Container.GetBlobClient(batchId).DownloadContentAsync(cancellationToken);
            return (result.Value.Content.ToObjectFromJson<BatchRecord>(LearningStore.Json)!, result.Value.Details.ETag);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return null;
        }
    }
}
