using System.Numerics;

namespace Mining.Ethereum.Rpc;

/// <summary>A transaction as <c>eth_getTransactionByHash</c> returns it; <see cref="BlockNumber"/> is null while it is pending.</summary>
public sealed record RpcTransaction(
    TxHash Hash,
    Address From,
    Address? To,
    ulong Nonce,
    BigInteger Value,
    ReadOnlyMemory<byte> Input,
    ulong Gas,
    BigInteger? MaxFeePerGas,
    BigInteger? MaxPriorityFeePerGas,
    BigInteger? GasPrice,
    Hash32? BlockHash,
    ulong? BlockNumber);
