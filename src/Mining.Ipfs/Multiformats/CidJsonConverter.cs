using System.Text.Json;
using System.Text.Json.Serialization;

namespace Mining.Ipfs.Multiformats;

/// <summary>Reads and writes a <see cref="Cid"/> as its canonical text (<c>bafk…</c>), so records and messages keep the text form.</summary>
/// <remarks>The empty string stands for no CID (the default value), as records written before the type held it.</remarks>
public sealed class CidJsonConverter : JsonConverter<Cid>
{
    public override Cid Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.GetString() switch
        {
            null => throw new JsonException("A CID cannot be null."),
            "" => default,
            var text => Cid.TryParse(text, out var cid) ? cid : throw new JsonException($"'{text}' is not a CID."),
        };

    public override void Write(Utf8JsonWriter writer, Cid value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStringValue(value.IsDefault ? string.Empty : value.ToString());
    }
}
