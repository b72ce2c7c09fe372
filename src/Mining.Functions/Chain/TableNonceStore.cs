using Azure;
using Azure.Data.Tables;
using Mining.Ethereum;
using Mining.Ethereum.Sending;
using Mining.Functions.Storage;

namespace Mining.Functions.Chain;

/// <summary>
/// The transaction manager's nonce per sender in a table row; the row's ETag is the version, so two writers can
/// never both advance from the same nonce (optimistic concurrency).
/// </summary>
internal sealed class TableNonceStore(AppStorage storage) : INonceStore
{
    private TableClient Table => storage.Table(AppStorage.NoncesTable);

    public async ValueTask<NonceRecord?> GetAsync(ulong chainId, Address sender, CancellationToken cancellationToken = default)
    {
        var row = await Table.GetEntityIfExistsAsync<TableEntity>(Partition(chainId), sender.ToString(), cancellationToken: cancellationToken);
        return row.HasValue ? new NonceRecord((ulong)row.Value!.GetInt64("NextNonce")!.Value, row.Value.ETag.ToString()) : null;
    }

    public async ValueTask<bool> TryUpdateAsync(
        ulong chainId, Address sender, ulong nextNonce, string? expectedVersion, CancellationToken cancellationToken = default)
    {
        var entity = new TableEntity(Partition(chainId), sender.ToString()) { ["NextNonce"] = (long)nextNonce };
        try
        {
            if (expectedVersion is null)
            {
                await Table.AddEntityAsync(entity, cancellationToken);
            }
            else
            {
                await Table.UpdateEntityAsync(entity, new ETag(expectedVersion), TableUpdateMode.Replace, cancellationToken);
            }

            return true;
        }
        catch (RequestFailedException e) when (e.Status is 409 or 412)
        {
            return false;
        }
    }

    private static string Partition(ulong chainId) => "chain-" + chainId.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
