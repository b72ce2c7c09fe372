using Mining.Ethereum.Abi;

namespace Mining.Ethereum.Rpc;

/// <summary>The call or gas estimate reverted; <see cref="Reason"/> is the decoded revert.</summary>
public sealed class ExecutionRevertedException(string method, int? code, RevertReason reason)
    : EthereumRpcException(method, code, $"Execution reverted: {reason.Message}")
{
    /// <summary>The decoded revert (error string, panic code or custom error with its arguments).</summary>
    public RevertReason Reason { get; } = reason;
}
