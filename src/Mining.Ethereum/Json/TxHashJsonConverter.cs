using System.Text.Json;
using System.Text.Json.Serialization;

namespace Mining.Ethereum.Json;

/// <summary>Reads and writes a <see cref="TxHash"/> as <c>0x</c> and 64 hex digits.</summary>
public sealed class TxHashJsonConverter : JsonConverter<TxHash>
{
    public override TxHash Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        TxHash.Parse(reader.GetString() ?? throw new JsonException("A transaction hash cannot be null."));

    public override void Write(Utf8JsonWriter writer, TxHash value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStringValue(value.ToString());
    }
}
