using Nethereum.Hex.HexTypes;

namespace Mining.Ethereum.Rpc;

/// <summary>A block selector for JSON-RPC: a number or one of the tags <c>latest</c>, <c>pending</c>, <c>safe</c>, <c>finalized</c>, <c>earliest</c>.</summary>
public readonly record struct BlockParameter
{
    private readonly string _value;

    private BlockParameter(string value) => _value = value;

    public static BlockParameter Latest { get; } = new("latest");

    public static BlockParameter Pending { get; } = new("pending");

    public static BlockParameter Safe { get; } = new("safe");

    public static BlockParameter Finalized { get; } = new("finalized");

    public static BlockParameter Earliest { get; } = new("earliest");

    /// <summary>A block by number.</summary>
    public static BlockParameter Number(ulong number) => new(new HexBigInteger(number).HexValue);

    /// <summary>The JSON-RPC form (<c>"latest"</c>, <c>"0x1b4"</c>).</summary>
    public override string ToString() => _value ?? "latest";
}
