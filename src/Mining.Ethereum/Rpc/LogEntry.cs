namespace Mining.Ethereum.Rpc;

/// <summary>An event log from a receipt or <c>eth_getLogs</c>.</summary>
/// <remarks><see cref="Removed"/> is true when a reorg took the log's block off the canonical chain.</remarks>
public sealed record LogEntry(
    Address Address,
    IReadOnlyList<Hash32> Topics,
    ReadOnlyMemory<byte> Data,
    ulong BlockNumber,
    Hash32 BlockHash,
    TxHash TransactionHash,
    ulong LogIndex,
    bool Removed);
