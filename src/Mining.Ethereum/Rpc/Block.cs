using System.Numerics;

namespace Mining.Ethereum.Rpc;

/// <summary>A block header as <c>eth_getBlockByNumber</c> returns it (transactions as hashes).</summary>
public sealed record Block(
    ulong Number,
    Hash32 Hash,
    Hash32 ParentHash,
    DateTimeOffset Timestamp,
    BigInteger? BaseFeePerGas,
    ulong GasLimit,
    ulong GasUsed,
    IReadOnlyList<TxHash> TransactionHashes);
