using System.Runtime.ExceptionServices;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Mining.Ethereum.Abi;
using Nethereum.JsonRpc.Client;
using Newtonsoft.Json.Linq;
using Polly;
using Polly.Retry;

namespace Mining.Ethereum.Rpc;

/// <summary>An Ethereum JSON-RPC client: Nethereum's <see cref="RpcClient"/> and DTOs, with the project's typed errors and retry policy.</summary>
/// <remarks>
/// Node errors become typed exceptions (<see cref="InsufficientFundsException"/>, <see cref="NonceTooLowException"/>,
/// <see cref="ReplacementUnderpricedException"/>, <see cref="AlreadyKnownException"/>, <see cref="ExecutionRevertedException"/>,
/// <see cref="RateLimitedException"/>, <see cref="RpcTimeoutException"/>, <see cref="RpcUnreachableException"/>).
/// Transient failures are retried with exponential backoff and jitter; a Retry-After (seconds or HTTP date) of a 429 or
/// a 503 is honoured up to <see cref="EthRpcOptions.MaxRetryAfter"/> (a longer one fails the call at once). All calls are safe to retry: reads are idempotent and resending the
/// same raw transaction is harmless. The client is thread-safe.
/// </remarks>
public sealed partial class EthRpcClient
{
    private readonly RpcClient _client;
    private readonly EthRpcOptions _options;
    private readonly ILogger _logger;
    private readonly ResiliencePipeline _pipeline;
    private long _nextId;

    /// <summary>Creates a client; <paramref name="options"/> are validated here.</summary>
    public EthRpcClient(HttpClient http, EthRpcOptions options, TimeProvider? timeProvider = null, ILogger<EthRpcClient>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options;
        Endpoint = options.Endpoint!;
        var time = timeProvider ?? TimeProvider.System;
        _logger = logger ?? NullLogger<EthRpcClient>.Instance;
        _client = new RpcClient(Endpoint, new HttpClient(new RpcTransport(http, Endpoint, options.RequestTimeout, time)) { Timeout = Timeout.InfiniteTimeSpan });
        _pipeline = BuildPipeline(time);
    }

    /// <summary>The node URL.</summary>
    public Uri Endpoint { get; }

    /// <summary>Nethereum's client underneath, for Nethereum services (contract handlers, event filters) that take an <see cref="IClient"/>.</summary>
    public IClient Client => _client;

    /// <summary>Calls any JSON-RPC method (e.g. anvil's <c>evm_mine</c>) and returns its raw result.</summary>
    public async Task<JsonElement> RequestAsync(string method, IReadOnlyList<object?> parameters, RevertDecoder? errors = null, CancellationToken cancellationToken = default)
    {
        var result = await RequestAsync<JToken?>(method, parameters, errors, cancellationToken);
        using var document = JsonDocument.Parse(result?.ToString(Newtonsoft.Json.Formatting.None) ?? "null");
        return document.RootElement.Clone();
    }

    /// <summary>Calls any JSON-RPC method and returns its result as <typeparamref name="T"/> (a Nethereum DTO, a string, a JToken...).</summary>
    public Task<T> RequestAsync<T>(string method, IReadOnlyList<object?> parameters, RevertDecoder? errors = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        return _pipeline.ExecuteAsync(
            async token =>
            {
                RpcTransport.Method.Value = method;
                try
                {
                    return await _client.SendRequestAsync<T>(new RpcRequest(Interlocked.Increment(ref _nextId), method, [.. parameters])).WaitAsync(token);
                }
                catch (RpcResponseException exception)
                {
                    throw RpcErrors.Map(method, exception.RpcError, errors ?? RevertDecoder.BuiltIn);
                }
                catch (RpcClientUnknownException exception) when (exception.InnerException is EthereumRpcException typed)
                {
                    ExceptionDispatchInfo.Throw(typed);
                    throw;
                }
                catch (RpcClientUnknownException exception)
                {
                    throw new RpcUnreachableException(method, Endpoint, exception.InnerException?.Message ?? exception.Message, exception);
                }
                catch (RpcClientTimeoutException)
                {
                    throw new RpcTimeoutException(method, ClientBase.ConnectionTimeout, Endpoint);
                }
            },
            cancellationToken).AsTask();
    }

    private ResiliencePipeline BuildPipeline(TimeProvider time)
    {
        var builder = new ResiliencePipelineBuilder { TimeProvider = time };
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
