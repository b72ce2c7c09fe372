using System.Numerics;
using System.Text.Json;

namespace Mining.Ethereum.Rpc;

/// <summary>Reads JSON-RPC result objects into the client's records.</summary>
internal static class RpcJson
{
    public static Block ParseBlock(JsonElement e) => new(
        Quantity(e, "number"),
        Word(e, "hash"),
        Word(e, "parentHash"),
        DateTimeOffset.FromUnixTimeSeconds((long)Quantity(e, "timestamp")),
        e.TryGetProperty("baseFeePerGas", out var baseFee) && baseFee.ValueKind == JsonValueKind.String ? Hex.DecodeQuantity(baseFee.GetString()!) : null,
        Quantity(e, "gasLimit"),
        Quantity(e, "gasUsed"),
        e.TryGetProperty("transactions", out var txs)
            ? txs.EnumerateArray().Select(t => TxHash.Parse(t.ValueKind == JsonValueKind.String ? t.GetString()! : t.GetProperty("hash").GetString()!)).ToList()
            : []);

    public static TransactionReceipt ParseReceipt(JsonElement e) => new(
        TxHash.Parse(String(e, "transactionHash")),
        Word(e, "blockHash"),
        Quantity(e, "blockNumber"),
        !e.TryGetProperty("status", out var status) || Hex.DecodeQuantity(status.GetString()!) == BigInteger.One,
        Quantity(e, "gasUsed"),
        e.TryGetProperty("effectiveGasPrice", out var price) ? Hex.DecodeQuantity(price.GetString()!) : BigInteger.Zero,
        Address.Parse(String(e, "from").ToLowerInvariant()),
        OptionalAddress(e, "to"),
        OptionalAddress(e, "contractAddress"),
        e.GetProperty("logs").EnumerateArray().Select(ParseLog).ToList());

    public static LogEntry ParseLog(JsonElement e) => new(
        Address.Parse(String(e, "address").ToLowerInvariant()),
        e.GetProperty("topics").EnumerateArray().Select(t => Hash32.Parse(t.GetString()!)).ToList(),
        Hex.Decode(String(e, "data")),
        Quantity(e, "blockNumber"),
        Word(e, "blockHash"),
        TxHash.Parse(String(e, "transactionHash")),
        Quantity(e, "logIndex"),
        e.TryGetProperty("removed", out var removed) && removed.ValueKind == JsonValueKind.True);

    public static RpcTransaction ParseTransaction(JsonElement e) => new(
        TxHash.Parse(String(e, "hash")),
        Address.Parse(String(e, "from").ToLowerInvariant()),
        OptionalAddress(e, "to"),
        Quantity(e, "nonce"),
        Hex.DecodeQuantity(String(e, "value")),
        Hex.Decode(e.TryGetProperty("input", out var input) ? input.GetString()! : String(e, "data")),
        Quantity(e, "gas"),
        OptionalBig(e, "maxFeePerGas"),
        OptionalBig(e, "maxPriorityFeePerGas"),
        OptionalBig(e, "gasPrice"),
        e.TryGetProperty("blockHash", out var blockHash) && blockHash.ValueKind == JsonValueKind.String ? Hash32.Parse(blockHash.GetString()!) : null,
        e.TryGetProperty("blockNumber", out var blockNumber) && blockNumber.ValueKind == JsonValueKind.String ? Hex.DecodeQuantityUInt64(blockNumber.GetString()!) : null);

    public static FeeHistory ParseFeeHistory(JsonElement e) => new(
        Quantity(e, "oldestBlock"),
        e.GetProperty("baseFeePerGas").EnumerateArray().Select(b => Hex.DecodeQuantity(b.GetString()!)).ToList(),
        e.GetProperty("gasUsedRatio").EnumerateArray().Select(r => r.GetDouble()).ToList(),
        e.TryGetProperty("reward", out var reward) && reward.ValueKind == JsonValueKind.Array
            ? reward.EnumerateArray().Select(row => (IReadOnlyList<BigInteger>)row.EnumerateArray().Select(r => Hex.DecodeQuantity(r.GetString()!)).ToList()).ToList()
            : []);

    public static ulong Quantity(JsonElement e, string name) => Hex.DecodeQuantityUInt64(String(e, name));

    private static string String(JsonElement e, string name) =>
        e.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()!
            : throw new FormatException($"The node's answer has no '{name}' string.");

    private static Hash32 Word(JsonElement e, string name) => Hash32.Parse(String(e, name));

    private static Address? OptionalAddress(JsonElement e, string name) =>
        e.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? Address.Parse(value.GetString()!.ToLowerInvariant()) : null;

    private static BigInteger? OptionalBig(JsonElement e, string name) =>
        e.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? Hex.DecodeQuantity(value.GetString()!) : null;
}
