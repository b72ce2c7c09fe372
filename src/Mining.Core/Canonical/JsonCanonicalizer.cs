using System.Buffers;
using System.Collections;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Mining.Core.Canonical;

/// <summary>RFC 8785 JSON Canonicalization Scheme (JCS).</summary>
/// <remarks>
/// Guarantees: object members sorted by UTF-16 code units, no insignificant whitespace, strings escaped the way
/// ECMAScript's <c>JSON.stringify</c> does, numbers in ECMAScript's shortest form, output in UTF-8.
/// The same value therefore always gives the same bytes, whatever produced it.
/// </remarks>
public static class JsonCanonicalizer
{
    /// <summary>Canonicalizes JSON text.</summary>
    /// <exception cref="JsonException">The input is not valid JSON.</exception>
    /// <exception cref="CanonicalJsonException">The input holds a value JCS cannot represent.</exception>
    public static byte[] Canonicalize(ReadOnlySpan<byte> utf8Json)
    {
        var reader = new Utf8JsonReader(utf8Json, new JsonReaderOptions { MaxDepth = 256 });
        using var document = JsonDocument.ParseValue(ref reader);
        return Canonicalize(document.RootElement);
    }

    public static byte[] Canonicalize(JsonElement element)
    {
        var buffer = new ArrayBufferWriter<byte>();
        Write(element, buffer);
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>
    /// Canonicalizes a value tree made of <see langword="null"/>, <see cref="bool"/>, <see cref="string"/>,
    /// <see cref="double"/>, <see cref="int"/>, <see cref="long"/> (|value| ≤ 2^53), dictionaries with string keys,
    /// sequences and <see cref="JsonElement"/>.
    /// </summary>
    public static byte[] Canonicalize(object? value)
    {
        var buffer = new ArrayBufferWriter<byte>();
        Write(value, buffer);
        return buffer.WrittenSpan.ToArray();
    }

    internal static void Write(object? value, IBufferWriter<byte> output)
    {
        switch (value)
        {
            case null:
                WriteAscii("null", output);
                break;
            case bool b:
                WriteAscii(b ? "true" : "false", output);
                break;
            case string s:
                WriteString(s, output);
                break;
            case double d:
                WriteAscii(EcmaScriptNumber.Format(d), output);
                break;
            case int i:
                WriteAscii(i.ToString(CultureInfo.InvariantCulture), output);
                break;
            case long l when Math.Abs(l) <= (1L << 53):
                WriteAscii(l.ToString(CultureInfo.InvariantCulture), output);
                break;
            case JsonElement element:
                WriteElement(element, output);
                break;
            case IEnumerable<KeyValuePair<string, object?>> members:
                WriteObject(members.Select(m => (m.Key, m.Value)), output);
                break;
            case IEnumerable items:
                WriteArray(items.Cast<object?>(), output);
                break;
            default:
                throw new CanonicalJsonException($"A value of type {value.GetType().Name} cannot be canonicalized; use string, double, bool, null, a dictionary or a sequence.");
        }
    }

    private static void WriteElement(JsonElement element, IBufferWriter<byte> output)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                WriteObject(element.EnumerateObject().Select(p => (p.Name, (object?)p.Value)), output);
                break;
            case JsonValueKind.Array:
                WriteArray(element.EnumerateArray().Select(e => (object?)e), output);
                break;
            case JsonValueKind.String:
                WriteString(element.GetString()!, output);
                break;
            case JsonValueKind.Number:
                var number = double.Parse(element.GetRawText(), NumberStyles.Float, CultureInfo.InvariantCulture);
                WriteAscii(EcmaScriptNumber.Format(number), output);
                break;
            case JsonValueKind.True:
                WriteAscii("true", output);
                break;
            case JsonValueKind.False:
                WriteAscii("false", output);
                break;
            default:
                WriteAscii("null", output);
                break;
        }
    }

    private static void WriteObject(IEnumerable<(string Name, object? Value)> members, IBufferWriter<byte> output)
    {
        var sorted = members.ToList();
        sorted.Sort(static (x, y) => string.CompareOrdinal(x.Name, y.Name));
        WriteAscii("{", output);
        for (var i = 0; i < sorted.Count; i++)
        {
            if (i > 0)
            {
                if (sorted[i].Name == sorted[i - 1].Name)
                {
                    throw new CanonicalJsonException($"The member name \"{sorted[i].Name}\" occurs twice; JCS needs unique names.");
                }

                WriteAscii(",", output);
            }

            WriteString(sorted[i].Name, output);
            WriteAscii(":", output);
            Write(sorted[i].Value, output);
        }

        WriteAscii("}", output);
    }

    private static void WriteArray(IEnumerable<object?> items, IBufferWriter<byte> output)
    {
        WriteAscii("[", output);
        var first = true;
        foreach (var item in items)
        {
            if (!first)
            {
                WriteAscii(",", output);
            }

            first = false;
            Write(item, output);
        }

        WriteAscii("]", output);
    }

    internal static void WriteString(string value, IBufferWriter<byte> output)
    {
        var builder = new StringBuilder(value.Length + 2);
        builder.Append('"');
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            switch (c)
            {
                case '"': builder.Append("\\\""); break;
                case '\\': builder.Append("\\\\"); break;
                case '\b': builder.Append("\\b"); break;
                case '\f': builder.Append("\\f"); break;
                case '\n': builder.Append("\\n"); break;
                case '\r': builder.Append("\\r"); break;
                case '\t': builder.Append("\\t"); break;
                default:
                    if (c < 0x20)
                    {
                        builder.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    }
                    else if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
                    {
                        builder.Append(c).Append(value[++i]);
                    }
                    else if (char.IsSurrogate(c))
                    {
                        throw new CanonicalJsonException($"The string holds a lone surrogate U+{(int)c:X4} at index {i}; JCS needs well-formed Unicode.");
                    }
                    else
                    {
                        builder.Append(c);
                    }

                    break;
            }
        }

        builder.Append('"');
        var chunk = builder.ToString();
        var span = output.GetSpan(Encoding.UTF8.GetMaxByteCount(chunk.Length));
        output.Advance(Encoding.UTF8.GetBytes(chunk, span));
    }

    private static void WriteAscii(string text, IBufferWriter<byte> output)
    {
        var span = output.GetSpan(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            span[i] = (byte)text[i];
        }

        output.Advance(text.Length);
    }
}
