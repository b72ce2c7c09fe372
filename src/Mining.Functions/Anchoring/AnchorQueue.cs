using Azure;
using Azure.Data.Tables;
using Mining.Functions.Storage;
using Mining.Ipfs.Multiformats;
using Mining.Functions.Learnings;

namespace Mining.Functions.Anchoring;

/// <summary>
/// Verified learnings waiting for a batch: one row per learning (table AnchorQueue, partition = the Durable Task hub
/// whose collector takes them, row = learning id) with when it was handed over. Verifying adds the row; the collector's
/// <see cref="TakeReadyBatch"/> reads them oldest first and removes those it gives a batch. Adding a learning
/// again (a retried hand-over) keeps one row.
/// </summary>
internal sealed class AnchorQueue(AppStorage storage, string taskHub)
{
    private const int MaxTransaction = 100;

    private string Partition => taskHub;

    private TableClient Table => storage.Table(AppStorage.AnchorQueueTable);

    public async Task AddAsync(ReadyForAnchor item, CancellationToken cancellationToken) =>
        await Table.UpsertEntityAsync(
            new TableEntity(Partition, item.LearningId)
            {
                ["ContributorId"] = item.ContributorId,
                ["Cid"] = item.Cid.ToString(),
                ["ReadyAt"] = new DateTimeOffset(DateTime.SpecifyKind(item.ReadyAt ?? default, DateTimeKind.Utc)),
            },
            TableUpdateMode.Replace,
            cancellationToken);

    /// <summary>Every waiting learning, the longest-waiting first.</summary>
    public async Task<IReadOnlyList<ReadyForAnchor>> ListAsync(CancellationToken cancellationToken)
    {
        var items = new List<ReadyForAnchor>();
        await foreach (var row in Table.QueryAsync<TableEntity>(e => e.PartitionKey == Partition, cancellationToken: cancellationToken))
        {
            items.Add(new ReadyForAnchor(
                row.RowKey, row.GetString("ContributorId"), Cid.Parse(row.GetString("Cid")), row.GetDateTimeOffset("ReadyAt")!.Value.UtcDateTime));
        }

        return [.. items.OrderBy(i => i.ReadyAt).ThenBy(i => i.LearningId, StringComparer.Ordinal)];
    }

    /// <summary>Removes these learnings' rows (those already gone are skipped).</summary>
    public async Task RemoveAsync(IEnumerable<string> learningIds, CancellationToken cancellationToken)
    {
        foreach (var chunk in learningIds.Distinct(StringComparer.Ordinal).Chunk(MaxTransaction))
        {
            try
            {
                await Table.SubmitTransactionAsync(
                    chunk.Select(id => new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(Partition, id), ETag.All)),
                    cancellationToken);
            }
            catch (TableTransactionFailedException e) when (e.Status == 404)
            {
                // A retry after some rows went: delete the rest one by one.
                foreach (var id in chunk)
                {
                    await Table.DeleteEntityAsync(Partition, id, ETag.All, cancellationToken);
                }
            }
        }
    }

    /// <summary>
    /// The task hub named by the configuration: <c>extensions:durableTask:hubName</c> (host.json under the local host), or
    /// the Functions host's override <c>AzureFunctionsJobHost__extensions__durableTask__hubName</c>, or host.json's default.
    /// </summary>
    public static string TaskHubOf(IConfiguration configuration) =>
        configuration["extensions:durableTask:hubName"] is { Length: > 0 } hub ? hub
        : configuration["AzureFunctionsJobHost:extensions:durableTask:hubName"] is { Length: > 0 } host ? host
        : DefaultTaskHub;

    /// <summary>The hub name in the repository's host.json.</summary>
    public const string DefaultTaskHub = "MiningTaskHub";
}
