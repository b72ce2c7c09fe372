namespace Mining.Ethereum.Rpc;

/// <summary>The node already has a mined transaction at this nonce from this sender.</summary>
public sealed class NonceTooLowException(string method, int? code, string nodeMessage)
    : EthereumRpcException(method, code, $"Nonce too low: the sender already used this nonce. Reconcile the stored nonce with eth_getTransactionCount. Node said: {nodeMessage}");
