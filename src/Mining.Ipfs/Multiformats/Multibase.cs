using System.Numerics;

namespace Mining.Ipfs.Multiformats;

/// <summary>Multibase: a one-character prefix naming the encoding, then the encoded bytes.</summary>
public static class Multibase
{
    private const string Base32Alphabet = "abcdefghijklmnopqrstuvwxyz234567";
    private const string Base58Alphabet = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
    private const string Base36Alphabet = "0123456789abcdefghijklmnopqrstuvwxyz";

    /// <summary>Encodes <paramref name="bytes"/> with the prefix of <paramref name="encoding"/>.</summary>
    public static string Encode(MultibaseEncoding encoding, ReadOnlySpan<byte> bytes) => encoding switch
    {
        MultibaseEncoding.Base32Lower => "b" + EncodeBase32(bytes),
        MultibaseEncoding.Base58Btc => "z" + EncodeBaseX(bytes, Base58Alphabet),
        MultibaseEncoding.Base36Lower => "k" + EncodeBaseX(bytes, Base36Alphabet),
        MultibaseEncoding.Base16Lower => "f" + Convert.ToHexStringLower(bytes),
        _ => throw new ArgumentOutOfRangeException(nameof(encoding), encoding, "Unknown multibase encoding."),
    };

    /// <summary>Decodes a multibase string (<c>b</c>/<c>B</c>, <c>z</c>, <c>k</c>/<c>K</c>, <c>f</c>/<c>F</c>).</summary>
    /// <exception cref="CidFormatException">The prefix is unknown or a character is outside its alphabet.</exception>
    public static byte[] Decode(string text, out MultibaseEncoding encoding)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length == 0)
        {
            throw new CidFormatException("The multibase string is empty; expected a prefix character (b, z, k or f) and data.");
        }

        var body = text.AsSpan(1);
        switch (text[0])
        {
            case 'b':
            case 'B':
                encoding = MultibaseEncoding.Base32Lower;
                return DecodeBase32(body.ToString().ToLowerInvariant());
            case 'z':
                encoding = MultibaseEncoding.Base58Btc;
                return DecodeBaseX(body, Base58Alphabet, "base58btc");
            case 'k':
            case 'K':
                encoding = MultibaseEncoding.Base36Lower;
                return DecodeBaseX(body.ToString().ToLowerInvariant(), Base36Alphabet, "base36");
            case 'f':
            case 'F':
                encoding = MultibaseEncoding.Base16Lower;
                try
                {
                    return Convert.FromHexString(body);
                }
                catch (FormatException ex)
                {
                    throw new CidFormatException($"'{text}' is not valid base16: {ex.Message}", ex);
                }

            default:
                throw new CidFormatException(
                    $"Unsupported multibase prefix '{text[0]}' in '{text}'; supported: b (base32), z (base58btc), k (base36), f (base16).");
        }
    }

    internal static string EncodeBase58Btc(ReadOnlySpan<byte> bytes) => EncodeBaseX(bytes, Base58Alphabet);

    internal static byte[] DecodeBase58Btc(ReadOnlySpan<char> text) => DecodeBaseX(text, Base58Alphabet, "base58btc");

    private static string EncodeBase32(ReadOnlySpan<byte> bytes)
    {
        var chars = new char[((bytes.Length * 8) + 4) / 5];
        int buffer = 0, bits = 0, j = 0;
        foreach (var b in bytes)
        {
            buffer = (buffer << 8) | b;
            bits += 8;
            while (bits >= 5)
            {
                chars[j++] = Base32Alphabet[(buffer >> (bits - 5)) & 31];
                bits -= 5;
            }
        }

        if (bits > 0)
        {
            chars[j++] = Base32Alphabet[(buffer << (5 - bits)) & 31];
        }

        return new string(chars, 0, j);
    }

    private static byte[] DecodeBase32(string text)
    {
        var bytes = new byte[text.Length * 5 / 8];
        int buffer = 0, bits = 0, j = 0;
        foreach (var c in text)
        {
            var value = Base32Alphabet.IndexOf(c, StringComparison.Ordinal);
            if (value < 0)
            {
                throw new CidFormatException($"Character '{c}' is not in the base32 alphabet (a-z, 2-7).");
            }

            buffer = (buffer << 5) | value;
            bits += 5;
            if (bits >= 8)
            {
                bytes[j++] = (byte)(buffer >> (bits - 8));
                bits -= 8;
            }
        }

        return bytes;
    }

    private static string EncodeBaseX(ReadOnlySpan<byte> bytes, string alphabet)
    {
        var zeros = 0;
        while (zeros < bytes.Length && bytes[zeros] == 0)
        {
            zeros++;
        }

        var value = new BigInteger(bytes, isUnsigned: true, isBigEndian: true);
        var chars = new List<char>(bytes.Length * 2);
        var radix = new BigInteger(alphabet.Length);
        while (value > 0)
        {
            value = BigInteger.DivRem(value, radix, out var remainder);
            chars.Add(alphabet[(int)remainder]);
        }

        chars.AddRange(Enumerable.Repeat(alphabet[0], zeros));
        chars.Reverse();
        return new string([.. chars]);
    }

    private static byte[] DecodeBaseX(ReadOnlySpan<char> text, string alphabet, string name)
    {
        var zeros = 0;
        while (zeros < text.Length && text[zeros] == alphabet[0])
        {
            zeros++;
        }

        var value = BigInteger.Zero;
        var radix = new BigInteger(alphabet.Length);
        foreach (var c in text)
        {
            var digit = alphabet.IndexOf(c, StringComparison.Ordinal);
            if (digit < 0)
            {
                throw new CidFormatException($"Character '{c}' is not in the {name} alphabet.");
            }

            value = (value * radix) + digit;
        }

        var body = value.IsZero ? [] : value.ToByteArray(isUnsigned: true, isBigEndian: true);
        var result = new byte[zeros + body.Length];
        body.CopyTo(result, zeros);
        return result;
    }
}
