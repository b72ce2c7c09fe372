using Azure.Data.Tables;
using Mining.Functions.Storage;

namespace Mining.Functions.Contributors;

/// <summary>
/// The tables of key listings (<c>ContributorKeys</c>: partition = contributor id, row = key id) and of the audit
/// trail (<c>ContributorAudit</c>: partition = contributor id, row = newest first). This process creates them on first use.
/// </summary>
internal sealed class SecurityTables(AppStorage storage)
{
    public const string KeysTable = "ContributorKeys";
    public const string AuditTable = "ContributorAudit";
    private volatile bool _created;

    public async Task<TableClient> KeysAsync(CancellationToken cancellationToken)
    {
        await EnsureCreatedAsync(cancellationToken);
        return storage.Table(KeysTable);
    }

    public async Task<TableClient> AuditAsync(CancellationToken cancellationToken)
    {
        await EnsureCreatedAsync(cancellationToken);
        return storage.Table(AuditTable);
    }

    private async Task EnsureCreatedAsync(CancellationToken cancellationToken)
    {
        if (_created)
        {
            return;
        }

        await storage.Table(KeysTable).CreateIfNotExistsAsync(cancellationToken);
        await storage.Table(AuditTable).CreateIfNotExistsAsync(cancellationToken);
        _created = true;
    }
}
