namespace Mining.Ethereum.Rpc;

/// <summary>The endpoint did not answer within the configured request timeout.</summary>
public sealed class RpcTimeoutException(string method, TimeSpan timeout, Uri endpoint)
    : EthereumRpcException(method, null, $"{method} to {endpoint} did not answer within {timeout.TotalSeconds:0.#} s. Check the endpoint's health or raise EthRpcOptions.RequestTimeout.")
{
    /// <inheritdoc/>
    public override bool IsTransient => true;
}
