namespace Mining.Ethereum.Rpc;

/// <summary>The endpoint is rate limiting (HTTP 429 or JSON-RPC -32005).</summary>
public sealed class RateLimitedException(string method, int? code, TimeSpan? retryAfter, string detail)
    : EthereumRpcException(method, code, $"Rate limited by the RPC endpoint{(retryAfter is { } after ? $" (retry after {after.TotalSeconds:0.#} s)" : string.Empty)}: {detail}. Lower the request rate or use a plan with a higher limit.")
{
    /// <summary>How long the endpoint asked us to wait (from Retry-After), when it said.</summary>
    public TimeSpan? RetryAfter { get; } = retryAfter;

    /// <inheritdoc/>
    public override bool IsTransient => true;
}
