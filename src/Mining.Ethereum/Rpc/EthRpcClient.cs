using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Mining.Ethereum.Abi;
using Polly;
using Polly.Retry;

namespace Mining.Ethereum.Rpc;

/// <summary>An Ethereum JSON-RPC client over <see cref="HttpClient"/>.</summary>
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
    private static readonly MediaTypeHeaderValue JsonContentType = new("application/json");
    private readonly HttpClient _http;
    private readonly EthRpcOptions _options;
    private readonly Uri _endpoint;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly ResiliencePipeline _pipeline;
    private long _nextId;

    /// <summary>Creates a client; <paramref name="options"/> are validated here.</summary>
    public EthRpcClient(HttpClient http, EthRpcOptions options, TimeProvider? timeProvider = null, ILogger<EthRpcClient>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _http = http;
        _options = options;
        _endpoint = options.Endpoint!;
        _time = timeProvider ?? TimeProvider.System;
        _logger = logger ?? NullLogger<EthRpcClient>.Instance;
        _pipeline = BuildPipeline();
    }

    /// <summary>The node URL.</summary>
    public Uri Endpoint => _endpoint;

    /// <summary>Calls any JSON-RPC method (e.g. anvil's <c>evm_mine</c>) and returns its raw result.</summary>
    public async Task<JsonElement> RequestAsync(string method, IReadOnlyList<object?> parameters, RevertDecoder? errors = null, CancellationToken cancellationToken = default)
    {
        var responses = await SendAsync([new RpcRequest(method, parameters)], asBatch: false, errors ?? RevertDecoder.BuiltIn, cancellationToken);
        return responses[0].GetResultOrThrow();
    }

    /// <summary>Sends several calls in one HTTP request (a JSON-RPC batch); answers come back in request order.</summary>
    /// <remarks>A failing call does not fail the batch: its <see cref="RpcResponse.Error"/> holds the typed error. Transport failures throw.</remarks>
    public Task<IReadOnlyList<RpcResponse>> BatchAsync(IReadOnlyList<RpcRequest> requests, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(requests);
        return requests.Count == 0
            ? Task.FromResult<IReadOnlyList<RpcResponse>>([])
            : SendAsync(requests, asBatch: true, RevertDecoder.BuiltIn, cancellationToken);
    }

    private async Task<IReadOnlyList<RpcResponse>> SendAsync(IReadOnlyList<RpcRequest> requests, bool asBatch, RevertDecoder errors, CancellationToken cancellationToken)
    {
        var method = asBatch ? $"batch of {requests.Count}" : requests[0].Method;
        return await _pipeline.ExecuteAsync(
            async token =>
            {
                var responses = await SendOnceAsync(requests, asBatch, method, errors, token);
                if (!asBatch && responses[0].Error is { IsTransient: true } transient)
                {
                    throw transient;
                }

                return responses;
            },
            cancellationToken);
    }

    private async Task<IReadOnlyList<RpcResponse>> SendOnceAsync(IReadOnlyList<RpcRequest> requests, bool asBatch, string method, RevertDecoder errors, CancellationToken cancellationToken)
    {
        var firstId = Interlocked.Add(ref _nextId, requests.Count) - requests.Count + 1;
        var body = JsonRpcWriter.Write(requests, firstId, asBatch);
        using var timeout = new CancellationTokenSource(_options.RequestTimeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = JsonContentType;
        try
        {
            using var response = await _http.PostAsync(_endpoint, content, linked.Token);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                throw new RateLimitedException(method, null, RetryAfter(response), "HTTP 429 Too Many Requests");
            }

            if ((int)response.StatusCode >= 500)
            {
                throw new RpcUnreachableException(method, _endpoint, $"HTTP {(int)response.StatusCode} {response.ReasonPhrase}", retryAfter: RetryAfter(response));
            }

            var bytes = await response.Content.ReadAsByteArrayAsync(linked.Token);
            if (!response.IsSuccessStatusCode && bytes.Length == 0)
            {
                throw new EthereumRpcException(method, null, $"{method}: the endpoint answered HTTP {(int)response.StatusCode} {response.ReasonPhrase}. Check the URL and any API key in it.");
            }

            return Parse(bytes, requests, firstId, method, errors);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new RpcTimeoutException(method, _options.RequestTimeout, _endpoint);
        }
        catch (HttpRequestException exception)
        {
            throw new RpcUnreachableException(method, _endpoint, exception.Message, exception);
        }
    }

    private static List<RpcResponse> Parse(byte[] bytes, IReadOnlyList<RpcRequest> requests, long firstId, string method, RevertDecoder errors)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(bytes);
        }
        catch (JsonException exception)
        {
            throw new EthereumRpcException(method, null, $"{method}: the endpoint answered with something that is not JSON. Check the URL points at a JSON-RPC node.", exception);
        }

        using (document)
        {
            var answers = document.RootElement.ValueKind == JsonValueKind.Array
                ? document.RootElement.EnumerateArray().ToList()
                : [document.RootElement];
            var results = new RpcResponse?[requests.Count];
            foreach (var answer in answers)
            {
                if (answer.TryGetProperty("id", out var idElement) && idElement.TryGetInt64(out var id) && id >= firstId && id < firstId + requests.Count)
                {
                    var index = (int)(id - firstId);
                    results[index] = Answer(answer, requests[index].Method, errors);
                }
                else if (answers.Count == 1 && requests.Count == 1)
                {
                    results[0] = Answer(answer, requests[0].Method, errors);
                }
            }

            return results.Select((result, i) => result ?? new RpcResponse(default, new EthereumRpcException(requests[i].Method, null, $"{requests[i].Method}: the endpoint's answer did not include this call."))).ToList();
        }
    }

    private static RpcResponse Answer(JsonElement answer, string method, RevertDecoder errors)
    {
        if (answer.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.Object)
        {
            return new RpcResponse(default, RpcErrors.Map(method, error, errors));
        }

        return new RpcResponse(answer.TryGetProperty("result", out var result) ? result.Clone() : default, null);
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
