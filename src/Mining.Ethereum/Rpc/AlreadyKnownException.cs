namespace Mining.Ethereum.Rpc;

/// <summary>The node already has exactly this transaction; resending it was harmless.</summary>
public sealed class AlreadyKnownException(string method, int? code, string nodeMessage)
    : EthereumRpcException(method, code, $"The node already knows this transaction (a resend of the same raw bytes). Node said: {nodeMessage}");
