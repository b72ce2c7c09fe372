using System.Numerics;

namespace Mining.Ethereum.Rpc;

/// <summary>The receipt of a mined transaction.</summary>
/// <remarks>A receipt says the transaction was included in <see cref="BlockHash"/>; whether that block is still canonical must be checked separately.</remarks>
public sealed record TransactionReceipt(
    TxHash TransactionHash,
    Hash32 BlockHash,
    ulong BlockNumber,
    bool Succeeded,
    ulong GasUsed,
    BigInteger EffectiveGasPrice,
    Address From,
    Address? To,
    Address? ContractAddress,
    IReadOnlyList<LogEntry> Logs);
