using System.Globalization;
using Azure;
using Azure.Data.Tables;
using Mining.Durable.Backend;
using Mining.Durable.History;

namespace Mining.Durable.AzureStorage;

/// <summary>Parked messages in table <c>{hub}Timers</c>: PartitionKey = the due time's UTC minute (<c>yyyyMMddHHmm</c>), RowKey =
/// message id, <c>DueAt</c> = the exact due time, <c>Message</c> = the message's JSON. Reading what is due is one range query
/// over the minute buckets up to the due time's; removing is one entity-group transaction per bucket and 100 rows.</summary>
internal sealed class AzureParkedMessages(TableClient table, StorageOperationCounter counter) : IParkedMessages
{
    /// <summary>The longest message JSON parked: a table string property holds 32 K characters; longer messages stay on the queue path.</summary>
    internal const int MaxMessageChars = 30_000;

    private const int MaxTransactionRows = 100;

    public TableClient Table => table;

    public async Task<bool> ParkAsync(WorkMessage message, CancellationToken cancellationToken)
    {
        var dueAt = message.NotBefore ?? throw new ArgumentException($"Message {message.Id} has no due time to park it until.", nameof(message));
        var json = EnvelopeJson.Serialize(message);
        if (json.Length > MaxMessageChars)
        {
            return false;
        }

        var row = new TableEntity(Bucket(dueAt), message.Id) { ["DueAt"] = dueAt, ["Message"] = json };
        counter.CountTable();
        await table.UpsertEntityAsync(row, TableUpdateMode.Replace, cancellationToken);
        return true;
    }

    public async Task<IReadOnlyList<WorkMessage>> ReadDueAsync(DateTimeOffset dueBy, int max, CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey le {Bucket(dueBy)} and DueAt le {dueBy.ToUniversalTime()}");
        var due = new List<WorkMessage>();
        await foreach (var page in table.QueryAsync<TableEntity>(filter, maxPerPage: max, select: ["Message"], cancellationToken: cancellationToken).AsPages())
        {
            counter.CountTable();
            due.AddRange(page.Values.Select(row => EnvelopeJson.Deserialize<WorkMessage>(row.GetString("Message"))));
            if (due.Count >= max)
            {
                break;
            }
        }

        return due.Count > max ? due[..max] : due;
    }

    public async Task RemoveAsync(IReadOnlyList<WorkMessage> messages, CancellationToken cancellationToken)
    {
        foreach (var bucket in messages.GroupBy(m => Bucket(m.NotBefore!.Value), StringComparer.Ordinal))
        {
            foreach (var chunk in bucket.Select(m => m.Id).Distinct(StringComparer.Ordinal).Chunk(MaxTransactionRows))
            {
                try
                {
                    counter.CountTable();
                    await table.SubmitTransactionAsync(
                        chunk.Select(id => new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(bucket.Key, id), ETag.All)),
                        cancellationToken);
                }
                catch (TableTransactionFailedException ex) when (ex.Status == 404)
                {
                    // Another sweeper removed some of them first: remove the rest one by one.
                    foreach (var id in chunk)
                    {
                        await DeleteIfExistsAsync(bucket.Key, id, cancellationToken);
                    }
                }
            }
        }
    }

    /// <summary>The partition of a due time: its UTC minute, so buckets sort in time order.</summary>
    internal static string Bucket(DateTimeOffset dueAt) => dueAt.UtcDateTime.ToString("yyyyMMddHHmm", CultureInfo.InvariantCulture);

    private async Task DeleteIfExistsAsync(string partitionKey, string rowKey, CancellationToken cancellationToken)
    {
        try
        {
            counter.CountTable();
            await table.DeleteEntityAsync(partitionKey, rowKey, ETag.All, cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return;
        }
    }
}
