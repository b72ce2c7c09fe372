using System.Numerics;

namespace Mining.Ethereum.Rpc;

/// <summary>The call object of <c>eth_call</c> and <c>eth_estimateGas</c>.</summary>
public sealed record CallRequest(Address? To, ReadOnlyMemory<byte> Data)
{
    public Address? From { get; init; }

    public BigInteger? Value { get; init; }

    public ulong? Gas { get; init; }
}
