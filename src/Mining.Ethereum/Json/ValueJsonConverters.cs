using System.Text.Json;
using System.Text.Json.Serialization;

namespace Mining.Ethereum.Json;

/// <summary>Reads and writes a value as its text (<c>ToString()</c>), parsed back with the type's own parser.</summary>
public abstract class TextJsonConverter<T>(Func<string, T> parse) : JsonConverter<T>
{
    public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        parse(reader.GetString() ?? throw new JsonException($"A {typeof(T).Name} cannot be null."));

    public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStringValue(value!.ToString());
    }
}

/// <summary>An <see cref="Address"/> as its EIP-55 string.</summary>
public sealed class AddressJsonConverter() : TextJsonConverter<Address>(text => Address.Parse(text.ToLowerInvariant()));

/// <summary>A <see cref="Hash32"/> as <c>0x</c> and 64 hex digits; the empty string reads as <see cref="Hash32.Zero"/>
/// (records written before the type held it used it for "no value").</summary>
public sealed class Hash32JsonConverter() : TextJsonConverter<Hash32>(text => text.Length == 0 ? Hash32.Zero : Hash32.Parse(text));

/// <summary>A <see cref="TxHash"/> as <c>0x</c> and 64 hex digits.</summary>
public sealed class TxHashJsonConverter() : TextJsonConverter<TxHash>(TxHash.Parse);
