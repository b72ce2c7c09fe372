using System.Globalization;
using System.Text.Json;

namespace Mining.Ethereum.Keystore;

/// <summary>The fields of a keystore v3 file the project checks before handing it to Nethereum to decrypt.</summary>
/// <remarks>Parsing rejects anything an honest writer (geth, cast, this library) would not produce, as tampering.</remarks>
internal sealed class KeystoreDocument
{
    private const int MaxPbkdf2Iterations = 100_000_000;

    private KeystoreDocument()
    {
    }

    public Address? Address { get; private init; }

    public required string Id { get; init; }

    public required string Kdf { get; init; }

    public static KeystoreDocument Parse(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        try
        {
            using var document = JsonDocument.Parse(json);
            return FromJson(document.RootElement);
        }
        catch (JsonException)
        {
            throw KeystoreTamperedException.Because("it is not valid JSON");
        }
    }

    private static KeystoreDocument FromJson(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw KeystoreTamperedException.Because("it is not a JSON object");
        }

        var version = Property(root, "version");
        if (version.ValueKind != JsonValueKind.Number || !version.TryGetInt32(out var v) || v != 3)
        {
            throw KeystoreTamperedException.Because("its version is not 3");
        }

        var crypto = root.TryGetProperty("crypto", out var lower) ? lower : Property(root, "Crypto");
        var cipher = Text(crypto, "cipher");
        if (cipher != "aes-128-ctr")
        {
            throw KeystoreTamperedException.Because($"its cipher '{cipher}' is not aes-128-ctr");
        }

        var iv = Bytes(Property(crypto, "cipherparams"), "iv");
        var ciphertext = Bytes(crypto, "ciphertext");
        var mac = Bytes(crypto, "mac");
        Require(iv.Length == 16, "its iv is not 16 bytes");
        Require(ciphertext.Length == 32, "its ciphertext is not 32 bytes");
        Require(mac.Length == 32, "its mac is not 32 bytes");

        var kdf = Text(crypto, "kdf");
        var kdfParams = Property(crypto, "kdfparams");
        var salt = Bytes(kdfParams, "salt");
        Require(salt.Length >= 16, "its salt is shorter than 16 bytes");
        var dkLen = Integer(kdfParams, "dklen");
        Require(dkLen is >= 32 and <= 1024, "its dklen is not between 32 and 1024");

        switch (kdf)
        {
            case "scrypt":
                if (!new ScryptParameters(Integer(kdfParams, "n"), Integer(kdfParams, "r"), Integer(kdfParams, "p")).IsAcceptable(out var reason))
                {
                    throw KeystoreTamperedException.Because(reason);
                }

                break;
            case "pbkdf2":
                Require(Text(kdfParams, "prf") == "hmac-sha256", "its pbkdf2 prf is not hmac-sha256");
                Require(Integer(kdfParams, "c") is >= 1 and <= MaxPbkdf2Iterations, "its pbkdf2 iteration count is out of range");
                break;
            default:
                throw KeystoreTamperedException.Because($"its kdf '{kdf}' is neither scrypt nor pbkdf2");
        }

        return new KeystoreDocument
        {
            Address = ParseAddress(root),
            Id = root.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String ? id.GetString()! : string.Empty,
            Kdf = kdf,
        };
    }

    private static Address? ParseAddress(JsonElement root)
    {
        if (!root.TryGetProperty("address", out var element) || element.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        var text = element.ValueKind == JsonValueKind.String ? element.GetString()! : string.Empty;
        var prefixed = text.StartsWith("0x", StringComparison.OrdinalIgnoreCase) ? text : "0x" + text;
        return Ethereum.Address.TryParse(prefixed, out var address)
            ? address
            : throw KeystoreTamperedException.Because("its address field is not an address");
    }

    private static void Require(bool condition, string reason)
    {
        if (!condition)
        {
            throw KeystoreTamperedException.Because(reason);
        }
    }

    private static JsonElement Property(JsonElement element, string name)
    {
        if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty(name, out var value))
        {
            throw KeystoreTamperedException.Because($"it has no '{name}' field");
        }

        return value;
    }

    private static string Text(JsonElement element, string name)
    {
        var value = Property(element, name);
        return value.ValueKind == JsonValueKind.String
            ? value.GetString()!
            : throw KeystoreTamperedException.Because($"its '{name}' field is not a string");
    }

    private static int Integer(JsonElement element, string name)
    {
        var value = Property(element, name);
        return value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var number)
            ? number
            : throw KeystoreTamperedException.Because($"its '{name}' field is not a 32-bit integer");
    }

    private static byte[] Bytes(JsonElement element, string name)
    {
        var text = Text(element, name);
        var digits = text.StartsWith("0x", StringComparison.OrdinalIgnoreCase) ? text[2..] : text;
        if (digits.Length % 2 != 0 || !digits.All(char.IsAsciiHexDigit))
        {
            throw KeystoreTamperedException.Because($"its '{name}' field is not hex");
        }

        return Convert.FromHexString(digits);
    }

    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"Keystore({Address?.ToString() ?? "no address"}, {Kdf})");
}
