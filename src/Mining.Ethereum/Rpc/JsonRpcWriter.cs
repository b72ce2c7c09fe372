using System.Collections;
using System.Globalization;
using System.Numerics;
using System.Text.Json;

namespace Mining.Ethereum.Rpc;

/// <summary>Writes JSON-RPC request bodies from plain parameter values (strings, numbers, bools, lists, dictionaries, JSON elements).</summary>
internal static class JsonRpcWriter
{
    public static byte[] Write(IReadOnlyList<RpcRequest> requests, long firstId, bool asBatch)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            if (asBatch)
            {
                writer.WriteStartArray();
            }

            for (var i = 0; i < requests.Count; i++)
            {
                writer.WriteStartObject();
                writer.WriteString("jsonrpc", "2.0");
                writer.WriteNumber("id", firstId + i);
                writer.WriteString("method", requests[i].Method);
                writer.WritePropertyName("params");
                writer.WriteStartArray();
                foreach (var parameter in requests[i].Parameters)
                {
                    WriteValue(writer, parameter);
                }

                writer.WriteEndArray();
                writer.WriteEndObject();
            }

            if (asBatch)
            {
                writer.WriteEndArray();
            }
        }

        return stream.ToArray();
    }

    private static void WriteValue(Utf8JsonWriter writer, object? value)
    {
        switch (value)
        {
            case null:
                writer.WriteNullValue();
                break;
            case string text:
                writer.WriteStringValue(text);
                break;
            case bool flag:
                writer.WriteBooleanValue(flag);
                break;
            case int or long or uint or ulong or double:
                writer.WriteRawValue(Convert.ToString(value, CultureInfo.InvariantCulture)!);
                break;
            case BigInteger big:
                writer.WriteStringValue(Hex.EncodeQuantity(big));
                break;
            case JsonElement element:
                element.WriteTo(writer);
                break;
            case IEnumerable<KeyValuePair<string, object?>> dictionary:
                writer.WriteStartObject();
                foreach (var (key, item) in dictionary)
                {
                    writer.WritePropertyName(key);
                    WriteValue(writer, item);
                }

                writer.WriteEndObject();
                break;
            case IEnumerable list:
                writer.WriteStartArray();
                foreach (var item in list)
                {
                    WriteValue(writer, item);
                }

                writer.WriteEndArray();
                break;
            default:
                writer.WriteStringValue(value.ToString());
                break;
        }
    }
}
