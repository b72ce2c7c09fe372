using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;

namespace Mining.Functions.Storage;

/// <summary>
/// Counts the requests a set of storage clients send, by service, since the service started: the app's own
/// (<see cref="AppStorage"/>) and, where the host runs the engine in process (the local host), the Durable Task
/// engine's (registered under the key <see cref="EngineKey"/>). <c>GET /api/operator/metrics</c> shows both.
/// </summary>
/// <remarks>
/// The counting policy runs per try (<see cref="HttpPipelinePosition.PerRetry"/>): a request the Azure SDK retries
/// counts once per attempt, as the storage account sees it.
/// </remarks>
internal sealed class StorageRequestCounter(TimeProvider time)
{
    /// <summary>The service key of the engine's counter.</summary>
    public const string EngineKey = "engine";

    private long _table;
    private long _blob;
    private long _queue;

    /// <summary>When counting started (the service's start-up).</summary>
    public DateTimeOffset Since { get; } = time.GetUtcNow();

    public long Table => Interlocked.Read(ref _table);

    public long Blob => Interlocked.Read(ref _blob);

    public long Queue => Interlocked.Read(ref _queue);

    public long Total => Table + Blob + Queue;

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

    /// <summary>Adds the policy that counts every request of a client built with <paramref name="options"/> as a queue request.</summary>
    public QueueClientOptions Counting(QueueClientOptions options)
    {
        options.AddPolicy(new CountingPolicy(() => Interlocked.Increment(ref _queue)), HttpPipelinePosition.PerRetry);
        return options;
    }

    private sealed class CountingPolicy(Action count) : HttpPipelineSynchronousPolicy
    {
        public override void OnSendingRequest(HttpMessage message) => count();
    }
}
