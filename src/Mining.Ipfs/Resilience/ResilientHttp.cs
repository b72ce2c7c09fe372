using System.Net;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace Mining.Ipfs.Resilience;

/// <summary>Sends HTTP requests through a Polly pipeline: retry with exponential backoff (honouring Retry-After), per-attempt timeout.</summary>
/// <remarks>
/// Returns the final response whatever its status (callers map statuses to typed errors); throws
/// <see cref="IpfsEndpointUnavailableException"/> when every attempt failed without a response. Logs endpoint paths only,
/// never headers, so bearer tokens stay out of logs.
/// </remarks>
internal sealed partial class ResilientHttp
{
    private readonly HttpClient _http;
    private readonly IpfsResilienceOptions _options;
    private readonly ResiliencePipeline<HttpResponseMessage> _pipeline;
    private readonly ResiliencePipeline<HttpResponseMessage> _singleAttempt;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;

    public ResilientHttp(HttpClient http, IpfsResilienceOptions options, TimeProvider timeProvider, ILogger logger)
    {
        _http = http;
        _options = options;
        _logger = logger;
        _timeProvider = timeProvider;
        var builder = new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = timeProvider };
        if (options.MaxRetryAttempts > 0)
        {
            builder.AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                MaxRetryAttempts = options.MaxRetryAttempts,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = options.BaseDelay,
                MaxDelay = options.MaxDelay,
                ShouldHandle = args => ValueTask.FromResult(IsTransient(args.Outcome) && !AsksForMoreThanMaxDelay(args.Outcome.Result)),
                DelayGenerator = args => ValueTask.FromResult(RetryAfter(args.Outcome.Result)),
                OnRetry = args =>
                {
                    var request = args.Context.Properties.TryGetValue(RequestKey, out var uri) ? uri : null;
                    LogRetry(_logger, request?.GetLeftPart(UriPartial.Path), args.AttemptNumber + 1, args.RetryDelay, Describe(args.Outcome));
                    args.Outcome.Result?.Dispose();
                    return ValueTask.CompletedTask;
                },
            });
        }

        _pipeline = builder.AddTimeout(options.AttemptTimeout).Build();
        _singleAttempt = new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = timeProvider }.AddTimeout(options.AttemptTimeout).Build();
    }

    private static ResiliencePropertyKey<Uri> RequestKey { get; } = new("mining.ipfs.request");

    /// <summary>Sends the request <paramref name="create"/> builds (called once per attempt).</summary>
    public async Task<HttpResponseMessage> SendAsync(
        Func<HttpRequestMessage> create,
        CancellationToken cancellationToken,
        HttpCompletionOption completion = HttpCompletionOption.ResponseHeadersRead,
        bool retry = true)
    {
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        var attempts = 0;
        Uri? uri = null;
        try
        {
            var pipeline = retry ? _pipeline : _singleAttempt;
            var outcome = await pipeline.ExecuteOutcomeAsync(
                async (ctx, _) =>
                {
                    attempts++;
                    try
                    {
                        using var request = create();
                        uri = request.RequestUri;
                        ctx.Properties.Set(RequestKey, request.RequestUri!);
                        return Outcome.FromResult(await _http.SendAsync(request, completion, ctx.CancellationToken));
                    }
                    catch (Exception ex) when (ex is HttpRequestException or TimeoutRejectedException or IOException
                        || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
                    {
                        return Outcome.FromException<HttpResponseMessage>(ex);
                    }
                },
                context,
                0);
            if (outcome.Exception is { } exception)
            {
                if (exception is OperationCanceledException && cancellationToken.IsCancellationRequested)
                {
                    throw exception;
                }

                var endpoint = uri is null ? _http.BaseAddress! : new Uri(uri.GetLeftPart(UriPartial.Path));
                throw new IpfsEndpointUnavailableException(endpoint, attempts, Describe(outcome), exception);
            }

            return outcome.Result!;
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    internal static bool IsTransient(Outcome<HttpResponseMessage> outcome) => outcome.Exception switch
    {
        HttpRequestException or TimeoutRejectedException or IOException => true,
        OperationCanceledException => false,
        not null => false,
        null => outcome.Result!.StatusCode is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests
            or HttpStatusCode.BadGateway or HttpStatusCode.ServiceUnavailable or HttpStatusCode.GatewayTimeout,
    };

    /// <summary>
    /// A 429 or 503 whose Retry-After is beyond <see cref="IpfsResilienceOptions.MaxDelay"/> is not retried here: asking
    /// earlier than the server said would not honour it, so the response goes back to the caller (whose own retry
    /// policy — an activity's, say — waits longer).
    /// </summary>
    private bool AsksForMoreThanMaxDelay(HttpResponseMessage? response) =>
        RetryAfterAsked(response) is { } asked && asked > _options.MaxDelay;

    private TimeSpan? RetryAfterAsked(HttpResponseMessage? response)
    {
        var retryAfter = response?.Headers.RetryAfter;
        return retryAfter?.Delta ?? (retryAfter?.Date is { } date ? date - _timeProvider.GetUtcNow() : null);
    }

    private TimeSpan? RetryAfter(HttpResponseMessage? response)
    {
        var retryAfter = response?.Headers.RetryAfter;
        if (retryAfter is null)
        {
            return null;
        }

        var delay = retryAfter.Delta ?? (retryAfter.Date is { } date ? date - _timeProvider.GetUtcNow() : null);
        return delay is { } d ? TimeSpan.FromTicks(Math.Clamp(d.Ticks, 0, _options.MaxDelay.Ticks)) : null;
    }

    private static string Describe(Outcome<HttpResponseMessage> outcome) => outcome.Exception is { } ex
        ? $"{ex.GetType().Name}: {ex.Message}"
        : $"HTTP {(int)outcome.Result!.StatusCode} {outcome.Result.ReasonPhrase}";

    [LoggerMessage(Level = LogLevel.Warning, Message = "Retrying {Endpoint} (attempt {Attempt}) in {Delay}: {Reason}")]
    private static partial void LogRetry(ILogger logger, string? endpoint, int attempt, TimeSpan delay, string reason);
}
