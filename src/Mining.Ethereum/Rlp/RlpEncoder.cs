using System.Numerics;

namespace Mining.Ethereum.Rlp;

/// <summary>Recursive Length Prefix encoding (Ethereum Yellow Paper, appendix B).</summary>
/// <remarks>Integers are encoded big-endian without leading zeros; zero is the empty string (0x80).</remarks>
public static class RlpEncoder
{
    /// <summary>Encodes a byte string.</summary>
    public static byte[] EncodeBytes(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length == 1 && bytes[0] < 0x80)
        {
            return [bytes[0]];
        }

        var output = new byte[PrefixLength(bytes.Length) + bytes.Length];
        var offset = WritePrefix(output, bytes.Length, 0x80);
        bytes.CopyTo(output.AsSpan(offset));
        return output;
    }

    /// <summary>Encodes a non-negative integer.</summary>
    public static byte[] EncodeInteger(BigInteger value)
    {
        if (value.Sign < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(value), value, "RLP integers are unsigned.");
        }

        return value.IsZero ? [0x80] : EncodeBytes(value.ToByteArray(isUnsigned: true, isBigEndian: true));
    }

    /// <summary>Encodes a non-negative integer.</summary>
    public static byte[] EncodeInteger(ulong value) => EncodeInteger(new BigInteger(value));

    /// <summary>Encodes a list whose elements are already RLP-encoded.</summary>
    public static byte[] EncodeList(params IReadOnlyList<byte[]> encodedItems)
    {
        ArgumentNullException.ThrowIfNull(encodedItems);
        var payload = 0;
        foreach (var item in encodedItems)
        {
            payload += item.Length;
        }

        var output = new byte[PrefixLength(payload) + payload];
        var offset = WritePrefix(output, payload, 0xc0);
        foreach (var item in encodedItems)
        {
            item.CopyTo(output, offset);
            offset += item.Length;
        }

        return output;
    }

    private static int PrefixLength(int length) => length < 56 ? 1 : 1 + LengthOfLength(length);

    private static int LengthOfLength(int length)
    {
        var count = 0;
        for (var remaining = length; remaining > 0; remaining >>= 8)
        {
            count++;
        }

        return count;
    }

    private static int WritePrefix(byte[] output, int length, byte offset)
    {
        if (length < 56)
        {
            output[0] = (byte)(offset + length);
            return 1;
        }

        var lengthOfLength = LengthOfLength(length);
        output[0] = (byte)(offset + 55 + lengthOfLength);
        for (var i = lengthOfLength; i >= 1; i--)
        {
            output[i] = (byte)length;
            length >>= 8;
        }

        return 1 + lengthOfLength;
    }
}
