using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using Azure.Data.Tables;

namespace Mining.Functions.Contributors;

/// <summary>
/// Each contributor's audit trail of credential and webhook changes, newest first, append-only: a change is recorded
/// after it is stored, so an entry never describes a change that did not happen.
/// </summary>
internal sealed class AuditTrail(SecurityTables tables, TimeProvider time)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task RecordAsync(
        string contributorId, string action, string actor, string? keyId, string? byKeyId, string detail, CancellationToken cancellationToken)
    {
        var entry = new AuditEntry(time.GetUtcNow(), action, actor, keyId, byKeyId, detail);
        var row = (DateTimeOffset.MaxValue.Ticks - entry.At.Ticks).ToString("D19", CultureInfo.InvariantCulture)
            + "_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4));
        var table = await tables.AuditAsync(cancellationToken);
        await table.AddEntityAsync(
            new TableEntity(contributorId, row) { ["Entry"] = JsonSerializer.Serialize(entry, Json) }, cancellationToken);
    }

    /// <summary>One page of the trail, newest first, and the storage continuation of the next page.</summary>
    public async Task<(IReadOnlyList<AuditEntry> Items, string? Continuation)> ListAsync(
        string contributorId, string? continuation, int pageSize, CancellationToken cancellationToken)
    {
        var table = await tables.AuditAsync(cancellationToken);
        var pages = table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {contributorId}"), pageSize, cancellationToken: cancellationToken)
            .AsPages(continuation, pageSize);
        await foreach (var page in pages)
        {
            return ([.. page.Values.Select(e => JsonSerializer.Deserialize<AuditEntry>(e.GetString("Entry"), Json)!)], page.ContinuationToken);
        }

        return ([], null);
    }
}
