using System.Numerics;

namespace Mining.Ethereum.Sending;

/// <summary>The fee the network needs is above the configured ceiling; nothing was sent.</summary>
public sealed class FeeCeilingExceededException(BigInteger requiredMaxFeePerGas, BigInteger ceiling, string what)
    : InvalidOperationException($"{what} needs a max fee of {requiredMaxFeePerGas} wei/gas but TransactionManagerOptions.MaxFeePerGasCeiling is {ceiling} wei/gas. "
        + "Nothing was sent: wait for fees to fall, or raise the ceiling.")
{
    public BigInteger RequiredMaxFeePerGas { get; } = requiredMaxFeePerGas;

    public BigInteger Ceiling { get; } = ceiling;
}
