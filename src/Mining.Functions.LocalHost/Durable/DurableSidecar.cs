using System.Net.Sockets;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using DurableTask.AzureStorage;
using DurableTask.Core;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.DurableTask.Testing.Sidecar.Grpc;
using Mining.Functions.Storage;

namespace Mining.Functions.LocalHost.Durable;

/// <summary>
/// The Durable Task engine in process: the Azure Storage backend (<see cref="AzureStorageOrchestrationService"/>, the
/// one Durable Functions runs on Azure) behind the Durable Task gRPC sidecar service (<see cref="TaskHubGrpcServer"/>),
/// served by a private Kestrel on a Unix domain socket. The standard gRPC <c>DurableTaskWorker</c> and
/// <c>DurableTaskClient</c> reach it through <see cref="Channel"/>.
/// </summary>
/// <remarks>
/// Hosts that share a storage account and task hub share the work: the backend spreads the hub's partitions (control
/// queues) over them with blob leases, so each orchestration runs on one host at a time. The engine's storage requests
/// are counted by the counter given.
/// </remarks>
internal sealed class DurableSidecar : IAsyncDisposable
{
    private readonly string _socketPath = Path.Combine(Path.GetTempPath(), $"mining-dt-{Environment.ProcessId}-{Guid.NewGuid():N}"[..32] + ".sock");
    private readonly DurableEngineOptions _options;
    private readonly string _connectionString;
    private readonly StorageRequestCounter _requests;
    private readonly ILoggerFactory _logs;
    private WebApplication? _server;

    public DurableSidecar(DurableEngineOptions options, string connectionString, StorageRequestCounter requests, ILoggerFactory logs)
    {
        _options = options;
        _connectionString = connectionString;
        _requests = requests;
        _logs = logs;
        Channel = GrpcChannel.ForAddress("http://durable.sidecar", new GrpcChannelOptions
        {
            HttpHandler = new SocketsHttpHandler
            {
                ConnectCallback = ConnectAsync,
                EnableMultipleHttp2Connections = true,
                PooledConnectionIdleTimeout = Timeout.InfiniteTimeSpan,
                KeepAlivePingDelay = TimeSpan.FromSeconds(60),
            },
            MaxReceiveMessageSize = null,
        });
    }

    /// <summary>The channel the worker and the client share.</summary>
    public GrpcChannel Channel { get; }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var service = new AzureStorageOrchestrationService(Settings());
        await service.CreateIfNotExistsAsync();
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { EnvironmentName = Environments.Production });
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton(_logs);
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.ListenUnixSocket(_socketPath, listen => listen.Protocols = HttpProtocols.Http2));
        builder.Services.AddGrpc(grpc => grpc.MaxReceiveMessageSize = null);
        builder.Services.AddSingleton<IOrchestrationService>(service);
        builder.Services.AddSingleton<IOrchestrationServiceClient>(service);
        builder.Services.AddSingleton<TaskHubGrpcServer>();
        _server = builder.Build();
        _server.MapGrpcService<TaskHubGrpcServer>();
        File.Delete(_socketPath);
        await _server.StartAsync(cancellationToken);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_server is not null)
        {
            await _server.StopAsync(cancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        Channel.Dispose();
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }

        File.Delete(_socketPath);
    }

    private AzureStorageOrchestrationServiceSettings Settings() => new()
    {
        TaskHubName = _options.HubName,
        PartitionCount = _options.PartitionCount,
        MaxConcurrentTaskActivityWorkItems = _options.MaxConcurrentActivities,
        MaxConcurrentTaskOrchestrationWorkItems = _options.MaxConcurrentOrchestrations,
        MaxQueuePollingInterval = _options.MaxQueuePollingInterval,
        LoggerFactory = _logs,
        StorageAccountClientProvider = new StorageAccountClientProvider(
            StorageServiceClientProvider.ForBlob(_connectionString, _requests.Counting(new BlobClientOptions())),
            StorageServiceClientProvider.ForQueue(_connectionString, _requests.Counting(new QueueClientOptions())),
            StorageServiceClientProvider.ForTable(_connectionString, _requests.Counting(new TableClientOptions()))),
    };

    private async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            await socket.ConnectAsync(new UnixDomainSocketEndPoint(_socketPath), cancellationToken);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
