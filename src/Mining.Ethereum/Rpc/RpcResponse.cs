using System.Text.Json;

namespace Mining.Ethereum.Rpc;

/// <summary>One answer of a batch: the result, or the typed error the call failed with.</summary>
public sealed record RpcResponse(JsonElement Result, EthereumRpcException? Error)
{
    /// <summary>The result, or the error thrown.</summary>
    public JsonElement GetResultOrThrow() => Error is null ? Result : throw Error;
}
