namespace Mining.Ethereum.Rpc;

/// <summary>A JSON-RPC call failed; subclasses say why. <see cref="IsTransient"/> failures are retried by the client.</summary>
public class EthereumRpcException : Exception
{
    public EthereumRpcException(string method, int? code, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Method = method;
        Code = code;
    }

    /// <summary>The JSON-RPC method that failed.</summary>
    public string Method { get; }

    /// <summary>The JSON-RPC error code, when the node answered with one.</summary>
    public int? Code { get; }

    /// <summary>True when trying again later can succeed (timeouts, unreachable endpoint, rate limits).</summary>
    public virtual bool IsTransient => false;
}
