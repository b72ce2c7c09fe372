using System.Text.Json;
using System.Text.Json.Serialization;

namespace Mining.Ethereum.Json;

/// <summary>Reads and writes a <see cref="Hash32"/> as <c>0x</c> and 64 hex digits.</summary>
public sealed class Hash32JsonConverter : JsonConverter<Hash32>
{
    public override Hash32 Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        Hash32.Parse(reader.GetString() ?? throw new JsonException("A 32-byte word cannot be null."));

    public override void Write(Utf8JsonWriter writer, Hash32 value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStringValue(value.ToString());
    }
}
