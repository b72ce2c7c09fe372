using Azure;
using Azure.Data.Tables;

namespace Mining.Functions.Storage;

/// <summary>Small named values the service keeps about itself (deployment addresses, generated keys).</summary>
internal sealed class ServiceStateStore(AppStorage storage)
{
    private TableClient Table => storage.Table(AppStorage.ServiceStateTable);

    public async Task<string?> GetAsync(string key, CancellationToken cancellationToken)
    {
        var row = await Table.GetEntityIfExistsAsync<TableEntity>("state", key, cancellationToken: cancellationToken);
        return row.HasValue ? row.Value!.GetString("Value") : null;
    }

    /// <summary>Stores <paramref name="value"/> unless the key has one already; returns the stored value either way.</summary>
    public async Task<string> GetOrAddAsync(string key, string value, CancellationToken cancellationToken)
    {
        try
        {
            await Table.AddEntityAsync(new TableEntity("state", key) { ["Value"] = value }, cancellationToken);
            return value;
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            return (await GetAsync(key, cancellationToken))!;
        }
    }

    /// <summary>The value and its row's ETag (null, null when the key has none), for <see cref="TrySetAsync"/>.</summary>
    public async Task<(string? Value, ETag? ETag)> ReadAsync(string key, CancellationToken cancellationToken)
    {
        var row = await Table.GetEntityIfExistsAsync<TableEntity>("state", key, cancellationToken: cancellationToken);
        return row.HasValue ? (row.Value!.GetString("Value"), row.Value.ETag) : (null, null);
    }

    /// <summary>Stores <paramref name="value"/> if the row is still at <paramref name="etag"/> (null: if there is no row yet); false when another writer changed it first.</summary>
    public async Task<bool> TrySetAsync(string key, string value, ETag? etag, CancellationToken cancellationToken)
    {
        var entity = new TableEntity("state", key) { ["Value"] = value };
        try
        {
            if (etag is { } version)
            {
                await Table.UpdateEntityAsync(entity, version, TableUpdateMode.Replace, cancellationToken);
            }
            else
            {
                await Table.AddEntityAsync(entity, cancellationToken);
            }

            return true;
        }
        catch (RequestFailedException e) when (e.Status is 409 or 412)
        {
            return false;
        }
    }

    public async Task SetAsync(string key, string value, CancellationToken cancellationToken) =>
        await Table.UpsertEntityAsync(new TableEntity("state", key) { ["Value"] = value }, TableUpdateMode.Replace, cancellationToken);
}
