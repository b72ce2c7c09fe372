using System.Numerics;
using System.Text.Json.Serialization;
using Mining.Ethereum.Json;

namespace Mining.Ethereum.Sending;

/// <summary>One signed version of a transaction at a nonce (the original, or a fee-bumped replacement).</summary>
public sealed record TransactionAttempt(
    TxHash Hash,
    ReadOnlyMemory<byte> Raw,
    [property: JsonConverter(typeof(BigIntegerJsonConverter))] BigInteger MaxFeePerGas,
    [property: JsonConverter(typeof(BigIntegerJsonConverter))] BigInteger MaxPriorityFeePerGas,
    DateTimeOffset SentAt);
