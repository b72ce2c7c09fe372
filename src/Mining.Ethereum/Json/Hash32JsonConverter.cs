using System.Text.Json;
using System.Text.Json.Serialization;

namespace Mining.Ethereum.Json;

/// <summary>Reads and writes a <see cref="Hash32"/> as <c>0x</c> and 64 hex digits.</summary>
/// <remarks>The empty string reads as <see cref="Hash32.Zero"/> (records written before the type held it used it for "no value").</remarks>
public sealed class Hash32JsonConverter : JsonConverter<Hash32>
{
    public override Hash32 Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.GetString() switch
        {
            null => throw new JsonException("A 32-byte word cannot be null."),
            "" => Hash32.Zero,
            var text => Hash32.TryParse(text, out var hash) ? hash : throw new JsonException($"'{text}' is not a 32-byte hex word."),
        };

    public override void Write(Utf8JsonWriter writer, Hash32 value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStringValue(value.ToString());
    }
}
