using System.Globalization;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using Mining.Functions.Learnings;
using Mining.Functions.Storage;

namespace Mining.Functions.DeadLetters;

/// <summary>
/// Dead letters in a table (one partition, row = id, the record as JSON beside the columns shown in listings), changed
/// only with the row's ETag so two operators (or an operator and a retried activity) never both win; and an audit
/// table (partition = dead-letter id) that nothing ever deletes from.
/// </summary>
internal sealed class DeadLetterStore(AppStorage storage)
{
    private const string Partition = "deadletter";

    private TableClient Table => storage.Table(AppStorage.DeadLettersTable);

    private TableClient Audit => storage.Table(AppStorage.DeadLetterAuditTable);

    public async Task<(DeadLetterRecord Record, ETag ETag)?> FindAsync(string id, CancellationToken cancellationToken)
    {
        if (!IsValidKey(id))
        {
            return null;
        }

        var row = await Table.GetEntityIfExistsAsync<TableEntity>(Partition, id, cancellationToken: cancellationToken);
        return row.HasValue ? (FromEntity(row.Value!), row.Value!.ETag) : null;
    }

    /// <summary>Adds a new record; false when one with its id exists already.</summary>
    public async Task<bool> TryAddAsync(DeadLetterRecord record, CancellationToken cancellationToken)
    {
        try
        {
            await Table.AddEntityAsync(ToEntity(record), cancellationToken);
            return true;
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            return false;
        }
    }

    /// <summary>Replaces the record if it is still the one read with <paramref name="etag"/>; false when someone changed it meanwhile.</summary>
    public async Task<bool> TryReplaceAsync(DeadLetterRecord record, ETag etag, CancellationToken cancellationToken)
    {
        try
        {
            await Table.UpdateEntityAsync(ToEntity(record), etag, TableUpdateMode.Replace, cancellationToken);
            return true;
        }
        catch (RequestFailedException e) when (e.Status == 412)
        {
            return false;
        }
    }

    public async Task<IReadOnlyList<DeadLetterRecord>> ListAsync(CancellationToken cancellationToken)
    {
        var records = new List<DeadLetterRecord>();
        await foreach (var row in Table.QueryAsync<TableEntity>(e => e.PartitionKey == Partition, cancellationToken: cancellationToken))
        {
            records.Add(FromEntity(row));
        }

        return records;
    }

    /// <summary>Adds an audit entry once: the same action of the same generation recorded again (a retried step) is kept as first written.</summary>
    public async Task AddAuditAsync(string id, DeadLetterAuditEntry entry, CancellationToken cancellationToken)
    {
        var rowKey = string.Create(CultureInfo.InvariantCulture, $"g{entry.Generation:D6}-{entry.Action}");
        try
        {
            await Audit.AddEntityAsync(new TableEntity(id, rowKey)
            {
                ["Action"] = entry.Action, ["Generation"] = entry.Generation, ["At"] = entry.At, ["Detail"] = entry.Detail,
            }, cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            // Recorded already.
        }
    }

    /// <summary>The audit trail of one dead letter, oldest first.</summary>
    public async Task<IReadOnlyList<DeadLetterAuditEntry>> AuditAsync(string id, CancellationToken cancellationToken)
    {
        var entries = new List<DeadLetterAuditEntry>();
        await foreach (var row in Audit.QueryAsync<TableEntity>(e => e.PartitionKey == id, cancellationToken: cancellationToken))
        {
            entries.Add(new DeadLetterAuditEntry(row.GetString("Action"), row.GetInt32("Generation") ?? 0, row.GetDateTimeOffset("At")!.Value, row.GetString("Detail")));
        }

        return [.. entries.OrderBy(e => e.At)];
    }

    /// <summary>Ids are <c>dl_</c> + an instance id; anything a table key cannot hold is simply not found.</summary>
    private static bool IsValidKey(string id) =>
        id.Length is > 3 and <= 200 && id.StartsWith("dl_", StringComparison.Ordinal) && !id.Any(c => c is '/' or '\\' or '#' or '?' || char.IsControl(c));

    private static TableEntity ToEntity(DeadLetterRecord record) => new(Partition, record.Id)
    {
        ["State"] = record.State.ToString(),
        ["Stage"] = record.Stage,
        ["FailedAt"] = record.FailedAt,
        ["Record"] = JsonSerializer.Serialize(record, LearningStore.Json),
    };

    private static DeadLetterRecord FromEntity(TableEntity entity) =>
        JsonSerializer.Deserialize<DeadLetterRecord>(entity.GetString("Record"), LearningStore.Json)!;
}
