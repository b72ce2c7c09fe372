namespace Mining.Ethereum.Rpc;

/// <summary>The endpoint could not be reached, or answered with an HTTP server error.</summary>
public sealed class RpcUnreachableException(string method, Uri endpoint, string detail, Exception? innerException = null)
    : EthereumRpcException(method, null, $"{method}: the RPC endpoint {endpoint} is unreachable or failing ({detail}). Check that the node is running and the URL is right.", innerException)
{
    /// <inheritdoc/>
    public override bool IsTransient => true;
}
