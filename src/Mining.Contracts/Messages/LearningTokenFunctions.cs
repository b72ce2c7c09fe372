using System.Numerics;
using Nethereum.ABI.FunctionEncoding.Attributes;
using Nethereum.Contracts;

// Nethereum typed function messages of LearningToken (ERC-20, minted only by the registry).
namespace Mining.Contracts.Messages;

[Function("transfer", "bool")]
public sealed class TransferFunction : FunctionMessage
{
    [Parameter("address", "to", 1)] public string To { get; set; } = string.Empty;
    [Parameter("uint256", "value", 2)] public BigInteger Value { get; set; }
}

[Function("mint")]
public sealed class MintFunction : FunctionMessage
{
    [Parameter("address", "to", 1)] public string To { get; set; } = string.Empty;
    [Parameter("uint256", "amount", 2)] public BigInteger Amount { get; set; }
}

[Function("balanceOf", "uint256")]
public sealed class BalanceOfFunction : FunctionMessage
{
    [Parameter("address", "account", 1)] public string Account { get; set; } = string.Empty;
}

[Function("totalSupply", "uint256")]
public sealed class TotalSupplyFunction : FunctionMessage;

[Function("name", "string")]
public sealed class NameFunction : FunctionMessage;

[Function("symbol", "string")]
public sealed class SymbolFunction : FunctionMessage;

[Function("decimals", "uint8")]
public sealed class DecimalsFunction : FunctionMessage;

[Function("minter", "address")]
public sealed class MinterFunction : FunctionMessage;
