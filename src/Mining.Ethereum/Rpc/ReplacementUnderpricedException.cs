namespace Mining.Ethereum.Rpc;

/// <summary>A transaction at the same nonce is pending and the new one does not raise its fees enough to replace it.</summary>
public sealed class ReplacementUnderpricedException(string method, int? code, string nodeMessage)
    : EthereumRpcException(method, code, $"Replacement underpriced: raise both max fee and priority fee by at least 12.5% over the pending transaction. Node said: {nodeMessage}");
