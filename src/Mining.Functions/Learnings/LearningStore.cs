using System.Text.Json;
using System.Text.Json.Serialization;
using Azure;
using Azure.Data.Tables;
using Mining.Functions.Storage;

namespace Mining.Functions.Learnings;

/// <summary>
/// Learning records in a table: partition = contributor id, row = learning id, the record as JSON beside the columns
/// that queries filter on. Updates are read-modify-write with the row's ETag, so concurrent writers never lose one
/// another's changes.
/// </summary>
internal sealed class LearningStore(AppStorage storage, TimeProvider time)
{
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
    };

    private TableClient Table => storage.Table(AppStorage.LearningsTable);

    /// <summary>Adds the record unless one with its id exists; returns the stored one either way.</summary>
    public async Task<(LearningRecord Record, bool Created)> AddOrGetAsync(LearningRecord record, CancellationToken cancellationToken)
    {
        try
        {
            await Table.AddEntityAsync(ToEntity(record), cancellationToken);
            return (record, true);
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            return ((await FindAsync(record.ContributorId, record.Id, cancellationToken))!, false);
        }
    }

    public async Task<LearningRecord?> FindAsync(string contributorId, string id, CancellationToken cancellationToken)
    {
        var row = await Table.GetEntityIfExistsAsync<TableEntity>(contributorId, id, cancellationToken: cancellationToken);
        return row.HasValue ? FromEntity(row.Value!) : null;
    }

    /// <summary>Applies <paramref name="change"/> to the stored record, retrying on a concurrent update.</summary>
    public async Task<LearningRecord> UpdateAsync(
        string contributorId, string id, Func<LearningRecord, LearningRecord> change, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            var row = await Table.GetEntityAsync<TableEntity>(contributorId, id, cancellationToken: cancellationToken);
            var updated = change(FromEntity(row.Value)) with { UpdatedAt = time.GetUtcNow() };
            try
            {
                await Table.UpdateEntityAsync(ToEntity(updated), row.Value.ETag, TableUpdateMode.Replace, cancellationToken);
                return updated;
            }
            catch (RequestFailedException e) when (e.Status == 412 && attempt < 20)
            {
                continue;
            }
        }
    }

    /// <summary>One page of a contributor's learnings, newest first within the page order of the table.</summary>
    public async Task<(IReadOnlyList<LearningRecord> Items, string? Continuation)> ListAsync(
        string contributorId, LearningStatus? status, string? continuation, int pageSize, CancellationToken cancellationToken)
    {
        var filter = status is null
            ? TableClient.CreateQueryFilter($"PartitionKey eq {contributorId}")
            : TableClient.CreateQueryFilter($"PartitionKey eq {contributorId} and Status eq {status.Value.ToString()}");
        var pages = Table.QueryAsync<TableEntity>(filter, pageSize, cancellationToken: cancellationToken).AsPages(continuation, pageSize);
        await foreach (var page in pages)
        {
            return ([.. page.Values.Select(FromEntity)], page.ContinuationToken);
        }

        return ([], null);
    }

    /// <summary>The statuses of a learning whose orchestration is still on its way.</summary>
    public static readonly LearningStatus[] InFlight =
        [LearningStatus.AwaitingApproval, LearningStatus.Approved, LearningStatus.Pinning, LearningStatus.Verifying, LearningStatus.Anchoring, LearningStatus.Confirming];

    /// <summary>Every contributor's in-flight learnings (operator-wide resume).</summary>
    public async IAsyncEnumerable<LearningRecord> InFlightAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var filter = string.Join(" or ", InFlight.Select(s => TableClient.CreateQueryFilter($"Status eq {s.ToString()}")));
        await foreach (var row in Table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            yield return FromEntity(row);
        }
    }

    /// <summary>The statuses of a learning whose CID is published and anchored on chain: what the availability monitor checks.</summary>
    public static readonly LearningStatus[] Published = [LearningStatus.Confirming, LearningStatus.Rewarded];

    /// <summary>One page of every contributor's published learnings (keys and CID only), for the availability monitor.</summary>
    public async Task<(IReadOnlyList<(string ContributorId, string Id, string Cid)> Items, string? Continuation)> ListPublishedAsync(
        string? continuation, int pageSize, CancellationToken cancellationToken)
    {
        var filter = string.Join(" or ", Published.Select(s => TableClient.CreateQueryFilter($"Status eq {s.ToString()}")));
        var pages = Table.QueryAsync<TableEntity>(filter, pageSize, ["PartitionKey", "RowKey", "Cid"], cancellationToken).AsPages(continuation, pageSize);
        await foreach (var page in pages)
        {
            return ([.. page.Values.Select(e => (e.PartitionKey, e.RowKey, e.GetString("Cid")))], page.ContinuationToken);
        }

        return ([], null);
    }

    private static TableEntity ToEntity(LearningRecord record) => new(record.ContributorId, record.Id)
    {
        ["Status"] = record.Status.ToString(),
        ["Cid"] = record.Cid,
        ["Record"] = JsonSerializer.Serialize(record, Json),
    };

    private static LearningRecord FromEntity(TableEntity entity) =>
        JsonSerializer.Deserialize<LearningRecord>(entity.GetString("Record"), Json)!;
}
