using System.Numerics;

namespace Mining.Ethereum.Rpc;

/// <summary>The sender cannot pay gas limit × max fee per gas + value.</summary>
public sealed class InsufficientFundsException : EthereumRpcException
{
    public InsufficientFundsException(string method, Address? address, BigInteger? balance, BigInteger? cost, string? nodeMessage = null)
        : base(method, null, Describe(address, balance, cost, nodeMessage))
    {
        Address = address;
        Balance = balance;
        Cost = cost;
    }

    /// <summary>The account that lacks funds, when known.</summary>
    public Address? Address { get; }

    /// <summary>Its balance in wei, when known.</summary>
    public BigInteger? Balance { get; }

    /// <summary>The most the transaction can cost in wei, when known.</summary>
    public BigInteger? Cost { get; }

    private static string Describe(Address? address, BigInteger? balance, BigInteger? cost, string? nodeMessage) =>
        $"Insufficient funds: account {address?.ToString() ?? "(unknown)"} has {balance?.ToString() ?? "?"} wei but the transaction can cost up to "
        + $"{cost?.ToString() ?? "?"} wei (gas limit × max fee per gas + value). Fund the account, or lower the fee ceiling."
        + (nodeMessage is null ? string.Empty : $" Node said: {nodeMessage}");
}
