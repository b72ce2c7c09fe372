using System.Text.Json;
using System.Text.Json.Serialization;

namespace Mining.Ethereum.Json;

/// <summary>Reads and writes an <see cref="Address"/> as its EIP-55 string.</summary>
public sealed class AddressJsonConverter : JsonConverter<Address>
{
    public override Address Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        Address.Parse((reader.GetString() ?? throw new JsonException("An address cannot be null.")).ToLowerInvariant());

    public override void Write(Utf8JsonWriter writer, Address value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStringValue(value.ToString());
    }
}
