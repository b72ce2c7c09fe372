namespace Mining.Ipfs.Multiformats;

/// <summary>Unsigned LEB128 varints as multiformats and protobuf use them.</summary>
internal static class Varint
{
    public const int MaxLength = 10;

    public static int Length(ulong value)
    {
        var length = 1;
        while (value >= 0x80)
        {
            value >>= 7;
            length++;
        }

        return length;
    }

    public static int Write(Span<byte> destination, ulong value)
    {
        var i = 0;
        while (value >= 0x80)
        {
            destination[i++] = (byte)(value | 0x80);
            value >>= 7;
        }

        destination[i++] = (byte)value;
        return i;
    }

    /// <summary>Reads a varint; returns false when the input ends inside it or it is longer than 9 bytes (63 bits).</summary>
    public static bool TryRead(ReadOnlySpan<byte> source, out ulong value, out int consumed)
    {
        value = 0;
        for (var i = 0; i < source.Length && i < 9; i++)
        {
            var b = source[i];
            value |= (ulong)(b & 0x7F) << (7 * i);
            if (b < 0x80)
            {
                consumed = i + 1;
                return i == 0 || b != 0;
            }
        }

        consumed = 0;
        return false;
    }
}
