using System.Globalization;
using System.Numerics;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Mining.Contracts;
using Mining.Ethereum;
using Mining.Ethereum.Rpc;
using Mining.Ethereum.Sending;
using Mining.Ethereum.Signing;
using Mining.Functions.Logging;
using Mining.Functions.Options;
using Mining.Functions.Storage;

namespace Mining.Functions.Chain;

/// <summary>
/// The chain as the service uses it: the JSON-RPC client, the operator's transaction manager (durable nonces) and
/// the deployed registry. <see cref="ReadyAsync"/> loads the operator key (<see cref="OperatorKey"/>) and deploys the
/// contracts on first run (addresses persisted, redeployed if the chain no longer has them).
/// </summary>
internal sealed class ChainService
{
    private readonly ChainOptions _options;
    private readonly OperatorKey _operatorKey;
    private readonly ServiceStateStore _state;
    private readonly TableNonceStore _nonces;
    private readonly TimeProvider _time;
    private readonly ILoggerFactory _logs;
    private readonly ILogger _logger;
    private readonly Lock _gate = new();
    private Task<Ready>? _ready;

    public ChainService(
        IOptions<ChainOptions> options, OperatorKey operatorKey, IHttpClientFactory http, ServiceStateStore state,
        TableNonceStore nonces, TimeProvider time, ILoggerFactory logs)
    {
        _options = options.Value;
        _operatorKey = operatorKey;
        _state = state;
        _nonces = nonces;
        _time = time;
        _logs = logs;
        _logger = logs.CreateLogger<ChainService>();
        Rpc = new EthRpcClient(http.CreateClient("chain"), new EthRpcOptions { Endpoint = _options.RpcUrl }, time, logs.CreateLogger<EthRpcClient>());
    }

    public EthRpcClient Rpc { get; }

    /// <summary>The operator's transaction manager and the registry, once the chain is set up.</summary>
    /// <remarks>Set up once; a set-up that failed (the node was unreachable) is tried again by the next call.</remarks>
    public Task<Ready> ReadyAsync()
    {
        lock (_gate)
        {
            if (_ready is null || _ready.IsFaulted || _ready.IsCanceled)
            {
                _ready = InitializeAsync(CancellationToken.None);
            }

            return _ready;
        }
    }

    private async Task<Ready> InitializeAsync(CancellationToken cancellationToken)
    {
        var chainId = (ulong)(await Rpc.Eth.ChainId.SendRequestAsync().WaitAsync(cancellationToken)).Value;
        if (chainId != (ulong)_options.ChainId)
        {
            throw new InvalidOperationException(
                $"The node at Chain__RpcUrl reports chain id {chainId}, but Chain__ChainId is {_options.ChainId}. Point them at the same chain.");
        }

        var signer = await LoadOperatorAsync(cancellationToken);
        var manager = new TransactionManager(Rpc, signer, _nonces, new TransactionManagerOptions
        {
            ChainId = chainId,
            Confirmations = _options.Confirmations,
            MaxFeePerGasCeiling = new BigInteger(_options.MaxFeePerGasGwei * 1_000_000_000m),
            PollInterval = TimeSpan.FromMilliseconds(500),
            StuckAfter = _options.StuckAfter,
        }, _time, _logs.CreateLogger<TransactionManager>());

        var deployment = await LoadOrDeployAsync(manager, chainId, cancellationToken);
        Log.ChainReady(_logger, chainId, signer.Address.ToString(), deployment.Registry.ToString(), deployment.Token.ToString());
        return new Ready(manager, new LearningRegistryContract(Rpc, deployment.Registry), new LearningTokenContract(Rpc, deployment.Token), deployment);
    }

    private async Task<ISigner> LoadOperatorAsync(CancellationToken cancellationToken) =>
        await _operatorKey.LoadAsync(this, cancellationToken);

    /// <summary>A transaction manager for another signer on this chain (nonces kept in memory, one confirmation).</summary>
    public TransactionManager ManagerFor(ISigner signer) => new(Rpc, signer, new InMemoryNonceStore(), new TransactionManagerOptions
    {
        ChainId = (ulong)_options.ChainId,
        Confirmations = 1,
        MaxFeePerGasCeiling = new BigInteger(_options.MaxFeePerGasGwei * 1_000_000_000m),
        PollInterval = TimeSpan.FromMilliseconds(200),
    }, _time);

    private async Task<LearningDeployment> LoadOrDeployAsync(TransactionManager manager, ulong chainId, CancellationToken cancellationToken)
    {
        var key = "deployment-" + chainId.ToString(CultureInfo.InvariantCulture);
        var json = await _state.GetAsync(key, cancellationToken);
        if (json is not null)
        {
            var stored = JsonSerializer.Deserialize<StoredDeployment>(json)!;
            try
            {
                var registry = new LearningRegistryContract(Rpc, Address.Parse(stored.Registry));
                if (await registry.TokenAsync(cancellationToken) == Address.Parse(stored.Token)
                    && await registry.HasRoleAsync(LearningRegistryContract.OperatorRole, manager.Sender, cancellationToken))
                {
                    return stored.For(chainId);
                }
            }
            catch (Exception e) when (e is EthereumRpcException or FormatException or InvalidOperationException or ArgumentException)
            {
                Log.RegistryMissing(_logger, stored.Registry, chainId);
            }
        }

        var deployment = await ContractDeployer.DeployAsync(manager, cancellationToken: cancellationToken);
        var deployed = JsonSerializer.Serialize(new StoredDeployment(
            deployment.Registry.ToString(), deployment.Token.ToString(), deployment.Transaction.ToString(), deployment.BlockNumber));
        if (json is null)
        {
            // Hosts that start together on a new chain each deploy; the first to store its deployment wins and every
            // host uses that one, so all of them anchor on one registry (the others' contracts stay unused).
            var winner = await _state.GetOrAddAsync(key, deployed, cancellationToken);
            if (winner != deployed)
            {
                return JsonSerializer.Deserialize<StoredDeployment>(winner)!.For(chainId);
            }
        }
        else
        {
            await _state.SetAsync(key, deployed, cancellationToken);
        }

        Log.Deployed(_logger, deployment.Registry.ToString(), deployment.Token.ToString(), chainId);
        return deployment;
    }

    private sealed record StoredDeployment(string Registry, string Token, string Transaction, ulong Block)
    {
        public LearningDeployment For(ulong chainId) =>
            new(chainId, Address.Parse(Registry), Address.Parse(Token), TxHash.Parse(Transaction), Block);
    }

    /// <summary>What the service needs once the chain is set up.</summary>
    public sealed record Ready(TransactionManager Transactions, LearningRegistryContract Registry, LearningTokenContract Token, LearningDeployment Deployment);
}
