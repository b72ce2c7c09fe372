using System.Globalization;
using System.Net;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Mining.Ethereum.Transactions;
using Nethereum.Hex.HexConvertors.Extensions;
using Nethereum.JsonRpc.Client;
using Nethereum.JsonRpc.Client.RpcMessages;
using Nethereum.RPC;
using Nethereum.RPC.Eth.DTOs;
using Newtonsoft.Json;
using Polly;
using Polly.Retry;

namespace Mining.Ethereum.Rpc;

/// <summary>Nethereum's JSON-RPC client (<see cref="IClient"/>) over the caller's <see cref="HttpClient"/>, with the project's typed errors and retry policy.</summary>
/// <remarks>
/// Every Nethereum request service sent through it (<see cref="Eth"/>, contract handlers, <c>SendRequestAsync</c>) gets:
/// node errors as typed exceptions (<see cref="InsufficientFundsException"/>, <see cref="NonceTooLowException"/>,
/// <see cref="ReplacementUnderpricedException"/>, <see cref="AlreadyKnownException"/>, <see cref="ExecutionRevertedException"/>,
/// <see cref="RateLimitedException"/>, <see cref="RpcTimeoutException"/>, <see cref="RpcUnreachableException"/>);
/// transient failures retried with exponential backoff and jitter; a Retry-After (seconds or HTTP date) of a 429 or a
/// 503 waited out up to <see cref="EthRpcOptions.MaxRetryAfter"/> (a longer one fails the call at once). All calls are
/// safe to retry: reads are idempotent and resending the same raw transaction is harmless. The client is thread-safe.
/// </remarks>
public sealed partial class EthRpcClient : ClientBase
{
    private static readonly JsonSerializerSettings Json = DefaultJsonSerializerSettingsFactory.BuildDefaultJsonSerializerSettings();
    private readonly HttpClient _http;
    private readonly EthRpcOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly ResiliencePipeline _pipeline;

    /// <summary>Creates a client; <paramref name="options"/> are validated here.</summary>
    public EthRpcClient(HttpClient http, EthRpcOptions options, TimeProvider? timeProvider = null, ILogger<EthRpcClient>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _http = http;
        _options = options;
        Endpoint = options.Endpoint!;
        _time = timeProvider ?? TimeProvider.System;
        _logger = logger ?? NullLogger<EthRpcClient>.Instance;
        _pipeline = BuildPipeline();
        Eth = new EthApiService(this);
    }

    /// <summary>The node URL.</summary>
    public Uri Endpoint { get; }

    /// <summary>Nethereum's <c>eth_*</c> request services over this client.</summary>
    public EthApiService Eth { get; }

    /// <summary>A new block tag <c>finalized</c> (Nethereum has no factory for it; its <see cref="BlockParameter"/> is mutable, so none is shared).</summary>
    public static BlockParameter Finalized => Tag(BlockParameter.BlockParameterType.finalized);

    /// <inheritdoc/>
    public override async Task<RpcResponseMessage> SendAsync(RpcRequestMessage rpcRequestMessage, string? route = null)
    {
        ArgumentNullException.ThrowIfNull(rpcRequestMessage);
        var method = rpcRequestMessage.Method;
        try
        {
            return await _pipeline.ExecuteAsync(
                async token =>
                {
                    var response = await PostAsync<RpcResponseMessage>(rpcRequestMessage, method, token);
                    return response.HasError ? throw RpcErrors.Map(method, response.Error) : response;
                },
                CancellationToken.None);
        }
        catch (InsufficientFundsException exception) when (exception.Address is null && method == "eth_sendRawTransaction"
            && rpcRequestMessage.RawParameters is object[] { Length: > 0 } parameters && parameters[0] is string raw)
        {
            var decoded = RawTransaction.Decode(raw.HexToByteArray());
            var balance = await Eth.GetBalance.SendRequestAsync(decoded.From.ToString(), BlockParameter.CreatePending());
            throw new InsufficientFundsException(method, decoded.From, balance.Value, TransactionSigning.MaxCost(decoded.Transaction), exception.Message);
        }
    }

    /// <inheritdoc/>
    protected override async Task<RpcResponseMessage[]> SendAsync(RpcRequestMessage[] requests) =>
        await _pipeline.ExecuteAsync(async token => await PostAsync<RpcResponseMessage[]>(requests, "JSON-RPC batch", token), CancellationToken.None);

    private static BlockParameter Tag(BlockParameter.BlockParameterType type)
    {
        var tag = new BlockParameter();
        tag.SetValue(type);
        return tag;
    }

    /// <summary>One HTTP attempt: times out on the configured clock and turns HTTP 429/5xx (with their Retry-After) and connection failures into typed exceptions.</summary>
    private async Task<T> PostAsync<T>(object payload, string method, CancellationToken cancellationToken)
    {
        using var timeout = new CancellationTokenSource(_options.RequestTimeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        using var content = new StringContent(JsonConvert.SerializeObject(payload, Json), Encoding.UTF8, "application/json");
        try
        {
            using var response = await _http.PostAsync(Endpoint, content, linked.Token);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                throw new RateLimitedException(method, null, RetryAfter(response), "HTTP 429 Too Many Requests");
            }

            if ((int)response.StatusCode >= 500)
            {
                throw new RpcUnreachableException(method, Endpoint, $"HTTP {(int)response.StatusCode} {response.ReasonPhrase}", retryAfter: RetryAfter(response));
            }

            if (!response.IsSuccessStatusCode)
            {
                throw new EthereumRpcException(method, null, $"{method}: the endpoint answered HTTP {(int)response.StatusCode} {response.ReasonPhrase}. Check the URL and any API key in it.");
            }

            var body = await response.Content.ReadAsStringAsync(linked.Token);
            return JsonConvert.DeserializeObject<T>(body, Json)
                ?? throw new RpcUnreachableException(method, Endpoint, "the answer was empty, not a JSON-RPC response");
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new RpcTimeoutException(method, _options.RequestTimeout, Endpoint);
        }
        catch (HttpRequestException exception)
        {
            throw new RpcUnreachableException(method, Endpoint, exception.Message, exception);
        }
        catch (JsonException exception)
        {
            throw new RpcUnreachableException(method, Endpoint, $"the answer is not a JSON-RPC response: {exception.Message}", exception);
        }
    }

    private TimeSpan? RetryAfter(HttpResponseMessage response)
    {
        var header = response.Headers.RetryAfter;
        if (header?.Delta is { } delta)
        {
            return delta;
        }

        if (header?.Date is { } date)
        {
            var wait = date - _time.GetUtcNow();
            return wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
        }

        return response.Headers.TryGetValues("Retry-After", out var values)
            && double.TryParse(values.FirstOrDefault(), NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds)
            ? TimeSpan.FromSeconds(seconds)
            : null;
    }

    private ResiliencePipeline BuildPipeline()
    {
        var builder = new ResiliencePipelineBuilder { TimeProvider = _time };
        if (_options.MaxRetryAttempts > 0)
        {
            builder.AddRetry(new RetryStrategyOptions
            {
                MaxRetryAttempts = _options.MaxRetryAttempts,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = _options.BaseDelay,
                MaxDelay = _options.MaxDelay,
                ShouldHandle = new PredicateBuilder().Handle<EthereumRpcException>(exception =>
                    exception.IsTransient && !(RetryAfterOf(exception) is { } after && after > _options.MaxRetryAfter)),
                DelayGenerator = static arguments => new ValueTask<TimeSpan?>(RetryAfterOf(arguments.Outcome.Exception)),
                OnRetry = arguments =>
                {
                    LogRetry(_logger, arguments.AttemptNumber + 1, arguments.RetryDelay.TotalMilliseconds, arguments.Outcome.Exception?.Message ?? string.Empty);
                    return default;
                },
            });
        }

        return builder.Build();
    }

    /// <summary>The wait the endpoint asked for: Retry-After of a 429 or a 503.</summary>
    private static TimeSpan? RetryAfterOf(Exception? exception) => exception switch
    {
        RateLimitedException limited => limited.RetryAfter,
        RpcUnreachableException unavailable => unavailable.RetryAfter,
        _ => null,
    };

    [LoggerMessage(Level = LogLevel.Warning, Message = "JSON-RPC attempt {Attempt} failed transiently; retrying in {DelayMs} ms: {Reason}")]
    private static partial void LogRetry(ILogger logger, int attempt, double delayMs, string reason);
}
