using Azure.Data.Tables;
using Azure.Storage.Blobs;

namespace Mining.Functions.Storage;

/// <summary>
/// The app's tables and blob containers in the account named by <c>AzureWebJobsStorage</c>; every request they send
/// is counted by <paramref name="requests"/>.
/// </summary>
internal sealed class AppStorage(string connectionString, StorageRequestCounter requests)
{
    public const string ContributorsTable = "Contributors";
    public const string ApiKeysTable = "ApiKeys";
    public const string LearningsTable = "Learnings";
    public const string ApprovalsTable = "Approvals";
    public const string RewardsTable = "Rewards";
    public const string NoncesTable = "Nonces";
    public const string ServiceStateTable = "ServiceState";
    public const string SettingsTable = "ContributorSettings";
    public const string AlertsTable = "Alerts";
    public const string DeadLettersTable = "DeadLetters";
    public const string DeadLetterAuditTable = "DeadLetterAudit";
    public const string AnchorQueueTable = "AnchorQueue";
    public const string DocumentsContainer = "documents";
    public const string ManifestsContainer = "manifests";
    public const string BatchesContainer = "batches";

    private static readonly string[] Tables =
        [ContributorsTable, ApiKeysTable, LearningsTable, ApprovalsTable, RewardsTable, NoncesTable, ServiceStateTable, SettingsTable, AlertsTable,
         DeadLettersTable, DeadLetterAuditTable, AnchorQueueTable];

    private readonly TableServiceClient _tables = new(connectionString, requests.Counting(new TableClientOptions()));
    private readonly BlobServiceClient _blobs = new(connectionString, requests.Counting(new BlobClientOptions()));

    public TableClient Table(string name) => _tables.GetTableClient(name);

    public BlobContainerClient Container(string name) => _blobs.GetBlobContainerClient(name);

    /// <summary>Creates every table and container the app uses (idempotent).</summary>
    public async Task EnsureCreatedAsync(CancellationToken cancellationToken)
    {
        foreach (var table in Tables)
        {
            await _tables.CreateTableIfNotExistsAsync(table, cancellationToken);
        }

        await Container(DocumentsContainer).CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        await Container(ManifestsContainer).CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        await Container(BatchesContainer).CreateIfNotExistsAsync(cancellationToken: cancellationToken);
    }

    /// <summary>True when the storage account answers (for /readyz).</summary>
    public async Task<bool> IsReachableAsync(CancellationToken cancellationToken)
    {
        try
        {
            await Table(ServiceStateTable).GetEntityIfExistsAsync<TableEntity>("probe", "probe", cancellationToken: cancellationToken);
            return true;
        }
        catch (Exception e) when (e is Azure.RequestFailedException or HttpRequestException or AggregateException)
        {
            return false;
        }
    }
}
