namespace Mining.Ethereum.Rpc;

/// <summary>The endpoint could not be reached, or answered with an HTTP server error.</summary>
public sealed class RpcUnreachableException(string method, Uri endpoint, string detail, Exception? innerException = null, TimeSpan? retryAfter = null)
    : EthereumRpcException(method, null, $"{method}: the RPC endpoint {endpoint} is unreachable or failing ({detail}). Check that the node is running and the URL is right.", innerException)
{
    /// <summary>How long the endpoint asked us to wait (Retry-After of a 503), when it said.</summary>
    public TimeSpan? RetryAfter { get; } = retryAfter;

    /// <inheritdoc/>
    public override bool IsTransient => true;
}
