namespace Mining.Ethereum.Rpc;

/// <summary>One JSON-RPC call for <see cref="EthRpcClient.BatchAsync"/>; parameters are serialized with System.Text.Json.</summary>
public sealed record RpcRequest(string Method, IReadOnlyList<object?> Parameters);
