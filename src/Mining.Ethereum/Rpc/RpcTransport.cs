using System.Globalization;
using System.Net;

namespace Mining.Ethereum.Rpc;

/// <summary>The HTTP layer under Nethereum's <c>RpcClient</c>: sends through the caller's <see cref="HttpClient"/>, times a request
/// out on the configured clock, and turns HTTP 429/5xx (with their Retry-After) and connection failures into typed exceptions.</summary>
internal sealed class RpcTransport(HttpClient http, Uri endpoint, TimeSpan requestTimeout, TimeProvider time) : HttpMessageHandler
{
    /// <summary>The JSON-RPC method of the call in flight on this async flow, for error messages.</summary>
    public static readonly AsyncLocal<string?> Method = new();

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var method = Method.Value ?? "JSON-RPC call";
        using var timeout = new CancellationTokenSource(requestTimeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        using var forwarded = new HttpRequestMessage(HttpMethod.Post, endpoint) { Content = request.Content };
        try
        {
            var response = await http.SendAsync(forwarded, linked.Token);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                throw new RateLimitedException(method, null, RetryAfter(response), "HTTP 429 Too Many Requests");
            }

            if ((int)response.StatusCode >= 500)
            {
                throw new RpcUnreachableException(method, endpoint, $"HTTP {(int)response.StatusCode} {response.ReasonPhrase}", retryAfter: RetryAfter(response));
            }

            if (!response.IsSuccessStatusCode)
            {
                throw new EthereumRpcException(method, null, $"{method}: the endpoint answered HTTP {(int)response.StatusCode} {response.ReasonPhrase}. Check the URL and any API key in it.");
            }

            await response.Content.LoadIntoBufferAsync(linked.Token);
            return response;
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new RpcTimeoutException(method, requestTimeout, endpoint);
        }
        catch (HttpRequestException exception)
        {
            throw new RpcUnreachableException(method, endpoint, exception.Message, exception);
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
            var wait = date - time.GetUtcNow();
            return wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
        }

        return response.Headers.TryGetValues("Retry-After", out var values)
            && double.TryParse(values.FirstOrDefault(), NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds)
            ? TimeSpan.FromSeconds(seconds)
            : null;
    }
}
