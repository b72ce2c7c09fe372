using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Data.Tables;
using Azure.Storage.Blobs;

namespace Mining.Functions.Storage;

/// <summary>
/// Counts the requests the app's own storage clients (<see cref="AppStorage"/>) send, by service, since the service
/// started. The engine counts its own (<c>DurableTaskClient.StorageOperations</c>); <c>GET /api/operator/metrics</c>
/// shows both.
/// </summary>
/// <remarks>
/// The counting policy runs per try (<see cref="HttpPipelinePosition.PerRetry"/>): a request the Azure SDK retries
/// counts once per attempt, as the storage account sees it.
/// </remarks>
internal sealed class StorageRequestCounter(TimeProvider time)
{
    private long _table;
    private long _blob;

    /// <summary>When counting started (the service's start-up).</summary>
    public DateTimeOffset Since { get; } = time.GetUtcNow();

    public long Table => Interlocked.Read(ref _table);

    public long Blob => Interlocked.Read(ref _blob);

    public long Total => Table + Blob;

    /// <summary>Adds the policy that counts every request of a client built with <paramref name="options"/> as a table request.</summary>
    public TableClientOptions Counting(TableClientOptions options)
    {
        options.AddPolicy(new CountingPolicy(() => Interlocked.Increment(ref _table)), HttpPipelinePosition.PerRetry);
        return options;
    }

    /// <summary>Adds the policy that counts every request of a client built with <paramref name="options"/> as a blob request.</summary>
    public BlobClientOptions Counting(BlobClientOptions options)
    {
        options.AddPolicy(new CountingPolicy(() => Interlocked.Increment(ref _blob)), HttpPipelinePosition.PerRetry);
        return options;
    }

    private sealed class CountingPolicy(Action count) : HttpPipelineSynchronousPolicy
    {
        public override void OnSendingRequest(HttpMessage message) => count();
    }
}
