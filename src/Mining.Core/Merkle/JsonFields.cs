using System.Globalization;
using System.Text.Json;
using Mining.Ethereum;
using Mining.Ipfs.Multiformats;

namespace Mining.Core.Merkle;

/// <summary>Reads required fields of manifests and receipts, failing with a message that names the field.</summary>
internal static class JsonFields
{
    public static JsonElement Get(JsonElement obj, string name, string what)
    {
        if (obj.ValueKind != JsonValueKind.Object || !obj.TryGetProperty(name, out var value))
        {
            throw new ReceiptFormatException($"The {what} has no '{name}' field.");
        }

        return value;
    }

    public static string String(JsonElement obj, string name, string what)
    {
        var value = Get(obj, name, what);
        return value.ValueKind == JsonValueKind.String
            ? value.GetString()!
            : throw new ReceiptFormatException($"'{name}' of the {what} must be a string.");
    }

    public static Hash32 Hash(JsonElement obj, string name, string what) => ParseHash(String(obj, name, what), name, what);

    public static Hash32 ParseHash(string text, string name, string what) =>
        Hash32.TryParse(text, out var hash) ? hash : throw new ReceiptFormatException($"'{name}' of the {what} is not a 32-byte hex value: '{text}'.");

    public static Cid Cid(JsonElement obj, string name, string what)
    {
        var text = String(obj, name, what);
        return Ipfs.Multiformats.Cid.TryParse(text, out var cid) ? cid : throw new ReceiptFormatException($"'{name}' of the {what} is not a CID: '{text}'.");
    }

    public static Address Address(JsonElement obj, string name, string what)
    {
        var text = String(obj, name, what);
        return Ethereum.Address.TryParse(text, out var address) ? address : throw new ReceiptFormatException($"'{name}' of the {what} is not an Ethereum address (0x + 40 hex digits, EIP-55 checksum if mixed case): '{text}'.");
    }

    /// <summary>Unsigned integers are written as decimal strings so no JSON reader loses precision.</summary>
    public static ulong UInt64(JsonElement obj, string name, string what)
    {
        var text = String(obj, name, what);
        return ulong.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new ReceiptFormatException($"'{name}' of the {what} must be a decimal string, got '{text}'.");
    }

    public static string Decimal(ulong value) => value.ToString(CultureInfo.InvariantCulture);
}
