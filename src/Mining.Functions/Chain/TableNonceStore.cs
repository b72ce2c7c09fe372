using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using Mining.Ethereum;
using Mining.Ethereum.Sending;
using Mining.Functions.Storage;

namespace Mining.Functions.Chain;

/// <summary>
/// The transaction manager's nonce per sender in a table row; the row's ETag is the version, so two writers can
/// never both advance from the same nonce (optimistic concurrency). The nonces reserved per operation (a batch's anchor)
/// are JSON in the same row, so a reservation and the nonce it takes are one write.
/// </summary>
internal sealed class TableNonceStore(AppStorage storage) : INonceStore
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private TableClient Table => storage.Table(AppStorage.NoncesTable);

    public async ValueTask<NonceRecord?> GetAsync(ulong chainId, Address sender, CancellationToken cancellationToken = default)
    {
        var row = await Table.GetEntityIfExistsAsync<TableEntity>(Partition(chainId), sender.ToString(), cancellationToken: cancellationToken);
        if (!row.HasValue)
        {
            return null;
        }

        var reservations = row.Value!.GetString("Reservations") is { Length: > 0 } json ? JsonSerializer.Deserialize<NonceReservation[]>(json, Json)! : [];
        return new NonceRecord((ulong)row.Value.GetInt64("NextNonce")!.Value, row.Value.ETag.ToString()) { Reservations = reservations };
    }

    public async ValueTask<bool> TryUpdateAsync(
        ulong chainId, Address sender, ulong nextNonce, IReadOnlyList<NonceReservation> reservations, string? expectedVersion, CancellationToken cancellationToken = default)
    {
        var entity = new TableEntity(Partition(chainId), sender.ToString())
        {
            ["NextNonce"] = (long)nextNonce,
            ["Reservations"] = JsonSerializer.Serialize(reservations, Json),
        };
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
