namespace Mining.Ethereum;

/// <summary>The hash of a signed transaction (Keccak-256 of its raw bytes), which identifies it on chain.</summary>
[System.Text.Json.Serialization.JsonConverter(typeof(Json.TxHashJsonConverter))]
public readonly record struct TxHash(Hash32 Value)
{
    /// <summary>Parses <c>0x</c> followed by 64 hex digits.</summary>
    public static TxHash Parse(string text) => new(Hash32.Parse(text));

    /// <inheritdoc/>
    public override string ToString() => Value.ToString();
}
