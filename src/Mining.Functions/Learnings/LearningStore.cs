using System.Text.Json;
using System.Text.Json.Serialization;
using Azure;
using Azure.Data.Tables;
using Mining.Functions.Storage;
using Mining.Ipfs.Multiformats;

namespace Mining.Functions.Learnings;

/// <summary>
/// Learning records in a table: partition = contributor id, row = learning id, the record as JSON beside the columns
/// that queries filter on. Updates are read-modify-write with the row's ETag, so concurrent writers never lose one
/// another's changes. The version this process last read or wrote is remembered with its ETag (for ten minutes, at most
/// 4,096 records), so an update of a record this process just touched writes without reading it first; when another
/// process changed it meanwhile the write is refused (412) and the update reads the record and applies the change again.
/// </summary>
internal sealed class LearningStore(AppStorage storage, TimeProvider time)
{
    private const int MaxTransaction = 100;
    private readonly Remembered<Versioned> _recent = new(time, TimeSpan.FromMinutes(10), 4096);

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
            var response = await Table.AddEntityAsync(ToEntity(record), cancellationToken);
            Remember(record, response.Headers.ETag);
            PipelineTelemetry.StageChanged(null, record.Status);
            return (record, true);
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            return ((await FindAsync(record.ContributorId, record.Id, cancellationToken))!, false);
        }
    }

    /// <summary>The stored record, read from the table.</summary>
    public async Task<LearningRecord?> FindAsync(string contributorId, string id, CancellationToken cancellationToken)
    {
        var row = await Table.GetEntityIfExistsAsync<TableEntity>(contributorId, id, cancellationToken: cancellationToken);
        if (!row.HasValue)
        {
            return null;
        }

        var record = FromEntity(row.Value!);
        Remember(record, row.Value!.ETag);
        return record;
    }

    /// <summary>
    /// The record as this process last read or wrote it, else read from the table. For steps that act on the record
    /// and then change it through <see cref="UpdateAsync"/>, whose ETag check catches a newer version.
    /// </summary>
    public async Task<LearningRecord?> FindRecentAsync(string contributorId, string id, CancellationToken cancellationToken) =>
        _recent.Get(Key(contributorId, id))?.Record ?? await FindAsync(contributorId, id, cancellationToken);

    /// <summary>Applies <paramref name="change"/> to the stored record, retrying on a concurrent update.</summary>
    public async Task<LearningRecord> UpdateAsync(
        string contributorId, string id, Func<LearningRecord, LearningRecord> change, CancellationToken cancellationToken)
    {
        var key = Key(contributorId, id);
        for (var attempt = 0; ; attempt++)
        {
            var current = _recent.Get(key) ?? await ReadAsync(contributorId, id, cancellationToken);

            var updated = change(current.Record) with { UpdatedAt = time.GetUtcNow() };
            try
            {
                var response = await Table.UpdateEntityAsync(ToEntity(updated), current.ETag, TableUpdateMode.Replace, cancellationToken);
                Remember(updated, response.Headers.ETag);
                PipelineTelemetry.StageChanged(current.Record.Status, updated.Status);
                return updated;
            }
            catch (RequestFailedException e) when (e.Status == 412 && attempt < 20)
            {
                _recent.Forget(key);
            }
            catch
            {
                _recent.Forget(key);
                throw;
            }
        }
    }

    /// <summary>
    /// Applies each change to its stored record, as <see cref="UpdateAsync"/> would one by one, but writes the records of
    /// one contributor (one partition) together: up to 100 in one entity-group transaction, each row with its ETag. A
    /// transaction refused because one of its records changed elsewhere (412) is applied record by record.
    /// </summary>
    public Task UpdateManyAsync(IReadOnlyList<RecordChange> changes, CancellationToken cancellationToken) =>
        Parallel.ForEachAsync(
            changes.GroupBy(c => c.ContributorId, StringComparer.Ordinal).SelectMany(p => p.Chunk(MaxTransaction)),
            new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = cancellationToken },
            async (chunk, ct) =>
            {
                if (chunk.Length == 1 || !await TryUpdateTogetherAsync(chunk, ct))
                {
                    foreach (var change in chunk)
                    {
                        await UpdateAsync(change.ContributorId, change.Id, change.Change, ct);
                    }
                }
            });

    private async Task<bool> TryUpdateTogetherAsync(RecordChange[] chunk, CancellationToken cancellationToken)
    {
        var current = new List<Versioned>(chunk.Length);
        foreach (var change in chunk)
        {
            current.Add(_recent.Get(Key(change.ContributorId, change.Id)) ?? await ReadAsync(change.ContributorId, change.Id, cancellationToken));
        }

        var now = time.GetUtcNow();
        var updated = chunk.Select((change, i) => change.Change(current[i].Record) with { UpdatedAt = now }).ToList();
        try
        {
            var response = await Table.SubmitTransactionAsync(
                updated.Select((record, i) => new TableTransactionAction(TableTransactionActionType.UpdateReplace, ToEntity(record), current[i].ETag)),
                cancellationToken);
            for (var i = 0; i < updated.Count; i++)
            {
                Remember(updated[i], response.Value[i].Headers.ETag);
                PipelineTelemetry.StageChanged(current[i].Record.Status, updated[i].Status);
            }

            return true;
        }
        catch (TableTransactionFailedException e) when (e.Status is 412 or 404)
        {
            foreach (var change in chunk)
            {
                _recent.Forget(Key(change.ContributorId, change.Id));
            }

            return false;
        }
    }

    private async Task<Versioned> ReadAsync(string contributorId, string id, CancellationToken cancellationToken)
    {
        var row = await Table.GetEntityAsync<TableEntity>(contributorId, id, cancellationToken: cancellationToken);
        return new Versioned(FromEntity(row.Value), row.Value.ETag);
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
    public async Task<(IReadOnlyList<(string ContributorId, string Id, Cid Cid)> Items, string? Continuation)> ListPublishedAsync(
        string? continuation, int pageSize, CancellationToken cancellationToken)
    {
        var filter = string.Join(" or ", Published.Select(s => TableClient.CreateQueryFilter($"Status eq {s.ToString()}")));
        var pages = Table.QueryAsync<TableEntity>(filter, pageSize, ["PartitionKey", "RowKey", "Cid"], cancellationToken).AsPages(continuation, pageSize);
        await foreach (var page in pages)
        {
            return ([.. page.Values.Select(e => (e.PartitionKey, e.RowKey, Cid.Parse(e.GetString("Cid"))))], page.ContinuationToken);
        }

        return ([], null);
    }

    private void Remember(LearningRecord record, ETag? etag)
    {
        if (etag is { } known)
        {
            _recent.Set(Key(record.ContributorId, record.Id), new Versioned(record, known));
        }
    }

    private static string Key(string contributorId, string id) => contributorId + "/" + id;

    private sealed record Versioned(LearningRecord Record, ETag ETag);

    private static TableEntity ToEntity(LearningRecord record) => new(record.ContributorId, record.Id)
    {
        ["Status"] = record.Status.ToString(),
        ["Cid"] = record.Cid.ToString(),
        ["Record"] = JsonSerializer.Serialize(record, Json),
    };

    private static LearningRecord FromEntity(TableEntity entity) =>
        JsonSerializer.Deserialize<LearningRecord>(entity.GetString("Record"), Json)!;
}

/// <summary>A change to one learning record, for <see cref="LearningStore.UpdateManyAsync"/>.</summary>
internal sealed record RecordChange(string ContributorId, string Id, Func<LearningRecord, LearningRecord> Change);
