using System.Globalization;
using System.Numerics;

namespace Mining.Ethereum;

/// <summary>Hex encoding as Ethereum writes it: <c>0x</c>-prefixed, lowercase.</summary>
public static class Hex
{
    /// <summary>Encodes bytes as <c>0x</c> followed by lowercase hex digits.</summary>
    public static string Encode(ReadOnlySpan<byte> bytes) => "0x" + Convert.ToHexStringLower(bytes);

    /// <summary>Decodes hex data with or without a <c>0x</c> prefix.</summary>
    /// <exception cref="FormatException">The text is not an even number of hex digits.</exception>
    public static byte[] Decode(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var digits = Strip(text);
        if (digits.Length % 2 != 0)
        {
            throw new FormatException($"Hex data must have an even number of digits, got {digits.Length} in '{Shorten(text)}'.");
        }

        try
        {
            return Convert.FromHexString(digits);
        }
        catch (FormatException)
        {
            throw new FormatException($"'{Shorten(text)}' is not hex data.");
        }
    }

    /// <summary>Formats a non-negative integer as a JSON-RPC quantity (<c>0x0</c>, <c>0x1a</c>, no leading zeros).</summary>
    public static string EncodeQuantity(BigInteger value)
    {
        if (value.Sign < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(value), value, "A quantity cannot be negative.");
        }

        if (value.IsZero)
        {
            return "0x0";
        }

        return "0x" + Convert.ToHexStringLower(value.ToByteArray(isUnsigned: true, isBigEndian: true)).TrimStart('0');
    }

    /// <summary>Formats a non-negative integer as a JSON-RPC quantity.</summary>
    public static string EncodeQuantity(ulong value) => "0x" + value.ToString("x", CultureInfo.InvariantCulture);

    /// <summary>Parses a JSON-RPC quantity (<c>0x</c>-prefixed hex, leading zeros tolerated).</summary>
    public static BigInteger DecodeQuantity(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var digits = Strip(text);
        if (digits.Length == 0)
        {
            return BigInteger.Zero;
        }

        if (!BigInteger.TryParse("0" + digits, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var value))
        {
            throw new FormatException($"'{Shorten(text)}' is not a hex quantity.");
        }

        return value;
    }

    /// <summary>Parses a JSON-RPC quantity that fits in 64 bits.</summary>
    public static ulong DecodeQuantityUInt64(string text) => (ulong)DecodeQuantity(text);

    private static string Strip(string text) =>
        text.StartsWith("0x", StringComparison.OrdinalIgnoreCase) ? text[2..] : text;

    private static string Shorten(string text) => text.Length <= 80 ? text : text[..77] + "...";
}
