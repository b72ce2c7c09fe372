using System.Numerics;

namespace Mining.Ethereum.Rpc;

/// <summary>The result of <c>eth_feeHistory</c>.</summary>
/// <remarks><see cref="BaseFeePerGas"/> has one more entry than the blocks asked for: the last is the next block's base fee.</remarks>
public sealed record FeeHistory(
    ulong OldestBlock,
    IReadOnlyList<BigInteger> BaseFeePerGas,
    IReadOnlyList<double> GasUsedRatio,
    IReadOnlyList<IReadOnlyList<BigInteger>> Reward);
