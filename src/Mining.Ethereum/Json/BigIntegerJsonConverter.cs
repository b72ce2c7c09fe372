using System.Globalization;
using System.Numerics;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Mining.Ethereum.Json;

/// <summary>Reads and writes a <see cref="BigInteger"/> (wei amounts) as a decimal string, so no JSON reader loses precision.</summary>
public sealed class BigIntegerJsonConverter : JsonConverter<BigInteger>
{
    public override BigInteger Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType == JsonTokenType.Number
            ? BigInteger.Parse(System.Text.Encoding.UTF8.GetString(reader.ValueSpan), CultureInfo.InvariantCulture)
            : BigInteger.Parse(reader.GetString() ?? throw new JsonException("An integer cannot be null."), CultureInfo.InvariantCulture);

    public override void Write(Utf8JsonWriter writer, BigInteger value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStringValue(value.ToString(CultureInfo.InvariantCulture));
    }
}
