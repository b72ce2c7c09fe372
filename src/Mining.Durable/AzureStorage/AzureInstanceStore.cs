using Azure;
using Azure.Data.Tables;
using Mining.Durable.Backend;
using Mining.Durable.History;

namespace Mining.Durable.AzureStorage;

/// <summary>Instances and history in one table, partitioned by instance id, so an episode commits in one entity-group transaction.</summary>
/// <remarks>Rows of a partition: <c>instance</c> (the instance row) and <c>e-{executionId}-{episode:D8}</c> (one per committed
/// episode, holding its history events and its outbox). Values over 30,000 characters are stored in blobs.</remarks>
internal sealed partial class AzureInstanceStore(TableClient table, PayloadBlobs blobs, StorageOperationCounter counter) : IInstanceStore
{
    internal const string InstanceRowKey = "instance";

    public TableClient Table => table;

    public async Task<InstanceSnapshot?> LoadAsync(string instanceId, CancellationToken cancellationToken)
    {
        counter.CountTable();
        TableEntity? instanceRow = null;
        var episodes = new List<TableEntity>();
        await foreach (var row in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {instanceId}"), cancellationToken: cancellationToken))
        {
            if (row.RowKey == InstanceRowKey)
            {
                instanceRow = row;
            }
            else
            {
                episodes.Add(row);
            }
        }

        if (instanceRow is null)
        {
            return null;
        }

        var record = await ReadRecordAsync(instanceRow, cancellationToken);
        var prefix = EpisodePrefix(record.ExecutionId);
        var current = episodes.Where(e => e.RowKey.StartsWith(prefix, StringComparison.Ordinal)).OrderBy(e => e.RowKey, StringComparer.Ordinal).ToList();
        var history = new List<HistoryEvent>();
        foreach (var episode in current)
        {
            history.AddRange(EnvelopeJson.Deserialize<List<HistoryEvent>>((await ReadTextAsync(episode, "History", cancellationToken))!));
        }

        IReadOnlyList<WorkMessage> outbox = [];
        if (record.OutboxPending && current.Count > 0)
        {
            outbox = EnvelopeJson.Deserialize<List<WorkMessage>>((await ReadTextAsync(current[^1], "Outbox", cancellationToken)) ?? "[]");
        }

        return new InstanceSnapshot(record, history, instanceRow.ETag.ToString(), outbox);
    }

    public async Task<string> CommitAsync(EpisodeCommit commit, CancellationToken cancellationToken)
    {
        var instanceRow = await ToEntityAsync(commit.Record, cancellationToken);
        var episodeRow = new TableEntity(commit.Record.InstanceId, $"{EpisodePrefix(commit.ExecutionId)}{commit.Episode:D8}");
        await WriteTextAsync(episodeRow, "History", EnvelopeJson.Serialize(commit.NewHistory), commit.Record.InstanceId, cancellationToken);
        if (commit.Outbox.Count > 0)
        {
            await WriteTextAsync(episodeRow, "Outbox", EnvelopeJson.Serialize(commit.Outbox), commit.Record.InstanceId, cancellationToken);
        }

        TableTransactionAction[] actions =
        [
            commit.ExpectedETag is null
                ? new TableTransactionAction(TableTransactionActionType.Add, instanceRow)
                : new TableTransactionAction(TableTransactionActionType.UpdateReplace, instanceRow, new ETag(commit.ExpectedETag)),
            new TableTransactionAction(TableTransactionActionType.Add, episodeRow),
        ];
        try
        {
            counter.CountTable();
            var response = await table.SubmitTransactionAsync(actions, cancellationToken);
            return response.Value[0].Headers.ETag?.ToString() ?? throw new InvalidOperationException("The table service returned no ETag for the instance row.");
        }
        catch (TableTransactionFailedException ex) when (ex.Status is 409 or 412)
        {
            throw new ConcurrencyConflictException($"Instance '{commit.Record.InstanceId}' was changed by another worker (episode {commit.Episode}).", ex);
        }
    }

    public async Task<string?> MarkOutboxDispatchedAsync(InstanceRecord record, string etag, CancellationToken cancellationToken)
    {
        var patch = new TableEntity(record.InstanceId, InstanceRowKey) { ["OutboxPending"] = false };
        try
        {
            counter.CountTable();
            var response = await table.UpdateEntityAsync(patch, new ETag(etag), TableUpdateMode.Merge, cancellationToken);
            return response.Headers.ETag?.ToString();
        }
        catch (RequestFailedException ex) when (ex.Status is 412 or 404)
        {
            return null;
        }
    }

    public async Task<(InstanceRecord Record, string ETag)?> GetAsync(string instanceId, CancellationToken cancellationToken)
    {
        counter.CountTable();
        var row = await table.GetEntityIfExistsAsync<TableEntity>(instanceId, InstanceRowKey, cancellationToken: cancellationToken);
        if (!row.HasValue || row.Value is null)
        {
            return null;
        }

        return (await ReadRecordAsync(row.Value, cancellationToken), row.Value.ETag.ToString());
    }

    public async Task<string> WriteInstanceAsync(InstanceRecord record, string? expectedETag, CancellationToken cancellationToken)
    {
        var entity = await ToEntityAsync(record, cancellationToken);
        try
        {
            counter.CountTable();
            var response = expectedETag is null
                ? await table.AddEntityAsync(entity, cancellationToken)
                : await table.UpdateEntityAsync(entity, new ETag(expectedETag), TableUpdateMode.Replace, cancellationToken);
            return response.Headers.ETag?.ToString() ?? string.Empty;
        }
        catch (RequestFailedException ex) when (ex.Status is 409 or 412)
        {
            throw new ConcurrencyConflictException($"Instance '{record.InstanceId}' was changed by another writer.", ex);
        }
    }

    public async Task<InstancePage> QueryAsync(OrchestrationQuery query, CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter($"RowKey eq {InstanceRowKey}");
        if (query.ContinuationToken is { } after)
        {
            filter += " and " + TableClient.CreateQueryFilter($"PartitionKey gt {after}");
        }

        if (query.InstanceIdPrefix is { Length: > 0 } prefix)
        {
            filter += " and " + TableClient.CreateQueryFilter($"PartitionKey ge {prefix} and PartitionKey lt {prefix + '\uffff'}");
        }

        var matches = new List<InstanceRecord>();
        counter.CountTable();
        await foreach (var row in table.QueryAsync<TableEntity>(filter, maxPerPage: 1000, cancellationToken: cancellationToken))
        {
            var record = await ReadRecordAsync(row, cancellationToken, query.FetchInputsAndOutputs);
            if (query.Matches(record))
            {
                matches.Add(record);
                if (matches.Count > query.PageSize)
                {
                    break;
                }
            }
        }

        var page = matches.Take(query.PageSize).ToList();
        return new InstancePage(page, matches.Count > query.PageSize ? page[^1].InstanceId : null);
    }

    public async Task<bool> PurgeAsync(string instanceId, CancellationToken cancellationToken)
    {
        var deleted = await DeleteRowsAsync(instanceId, _ => true, cancellationToken);
        await blobs.DeleteInstanceAsync(instanceId, cancellationToken);
        return deleted.Contains(InstanceRowKey);
    }

    public Task DeleteExecutionAsync(string instanceId, string executionId, CancellationToken cancellationToken) =>
        DeleteRowsAsync(instanceId, rk => rk.StartsWith(EpisodePrefix(executionId), StringComparison.Ordinal), cancellationToken);

    public Task WaitForChangeAsync(TimeSpan maxWait, CancellationToken cancellationToken) => Task.Delay(maxWait, cancellationToken);

    private static string EpisodePrefix(string executionId) => $"e-{executionId}-";

    private async Task<List<string>> DeleteRowsAsync(string instanceId, Func<string, bool> which, CancellationToken cancellationToken)
    {
        var keys = new List<string>();
        counter.CountTable();
        await foreach (var row in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {instanceId}"), select: ["RowKey"], cancellationToken: cancellationToken))
        {
            if (which(row.RowKey))
            {
                keys.Add(row.RowKey);
            }
        }

        foreach (var chunk in keys.Chunk(100))
        {
            counter.CountTable();
            await table.SubmitTransactionAsync(chunk.Select(k => new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(instanceId, k), ETag.All)), cancellationToken);
        }

        return keys;
    }
}
