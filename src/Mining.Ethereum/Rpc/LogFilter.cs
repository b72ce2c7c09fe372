namespace Mining.Ethereum.Rpc;

/// <summary>The filter of <c>eth_getLogs</c>: a block range, the emitting contract and topic[0..n] (null matches anything).</summary>
public sealed record LogFilter(BlockParameter FromBlock, BlockParameter ToBlock, Address? Address, IReadOnlyList<Hash32?> Topics);
