using System.Buffers;
using System.Collections;
using System.Globalization;
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
    private static readonly SearchValues<char> NeedsEscape = SearchValues.Create(
        "\"\\\u0000\u0001\u0002\u0003\u0004\u0005\u0006\u0007\u0008\u0009\u000a\u000b\u000c\u000d\u000e\u000f"
        + "\u0010\u0011\u0012\u0013\u0014\u0015\u0016\u0017\u0018\u0019\u001a\u001b\u001c\u001d\u001e\u001f");

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
        var buffer = new ArrayBufferWriter<byte>(4096);
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
        WriteAscii("\"", output);
        var remaining = value.AsSpan();
        while (!remaining.IsEmpty)
        {
            var plain = remaining.IndexOfAny(NeedsEscape);
            var run = plain < 0 ? remaining : remaining[..plain];
            if (!run.IsEmpty)
            {
                WriteUtf8(run, value, output);
            }

            if (plain < 0)
            {
                break;
            }

            WriteAscii(Escape(remaining[plain]), output);
            remaining = remaining[(plain + 1)..];
        }

        WriteAscii("\"", output);
    }

    private static void WriteUtf8(ReadOnlySpan<char> run, string whole, IBufferWriter<byte> output)
    {
        var span = output.GetSpan(run.Length * 3);
        var status = System.Text.Unicode.Utf8.FromUtf16(run, span, out _, out var written, replaceInvalidSequences: false);
        if (status != OperationStatus.Done)
        {
            throw new CanonicalJsonException($"A string of {whole.Length} characters holds a lone surrogate; JCS needs well-formed Unicode.");
        }

        output.Advance(written);
    }

    private static string Escape(char c) => c switch
    {
        '"' => "\\\"",
        '\\' => "\\\\",
        '\b' => "\\b",
        '\f' => "\\f",
        '\n' => "\\n",
        '\r' => "\\r",
        '\t' => "\\t",
        _ => "\\u" + ((int)c).ToString("x4", CultureInfo.InvariantCulture),
    };

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
