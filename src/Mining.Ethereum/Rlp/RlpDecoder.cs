namespace Mining.Ethereum.Rlp;

/// <summary>Strict RLP decoding: rejects non-canonical lengths, single bytes wrapped in a prefix, and trailing data.</summary>
public static class RlpDecoder
{
    /// <summary>Decodes exactly one item spanning all of <paramref name="data"/>.</summary>
    /// <exception cref="FormatException">The data is not canonical RLP.</exception>
    public static RlpItem Decode(ReadOnlySpan<byte> data)
    {
        var item = DecodeAt(data, 0, out var consumed);
        if (consumed != data.Length)
        {
            throw new FormatException($"RLP item ends at byte {consumed} but the data has {data.Length} bytes.");
        }

        return item;
    }

    private static RlpItem DecodeAt(ReadOnlySpan<byte> data, int start, out int end)
    {
        if (start >= data.Length)
        {
            throw new FormatException("RLP data ends where an item was expected.");
        }

        var prefix = data[start];
        if (prefix < 0x80)
        {
            end = start + 1;
            return RlpItem.FromBytes([prefix]);
        }

        if (prefix < 0xc0)
        {
            var (offset, length) = ReadLength(data, start, 0x80);
            if (length == 1 && data[offset] < 0x80)
            {
                throw new FormatException("A single byte below 0x80 must be encoded as itself, not with a length prefix.");
            }

            end = offset + length;
            return RlpItem.FromBytes(data.Slice(offset, length).ToArray());
        }

        var (listOffset, listLength) = ReadLength(data, start, 0xc0);
        var items = new List<RlpItem>();
        var position = listOffset;
        var listEnd = listOffset + listLength;
        while (position < listEnd)
        {
            items.Add(DecodeAt(data[..listEnd], position, out position));
        }

        end = listEnd;
        return RlpItem.FromList(items);
    }

    private static (int Offset, int Length) ReadLength(ReadOnlySpan<byte> data, int start, byte baseOffset)
    {
        var prefix = data[start] - baseOffset;
        int offset;
        long length;
        if (prefix <= 55)
        {
            offset = start + 1;
            length = prefix;
        }
        else
        {
            var lengthOfLength = prefix - 55;
            if (start + 1 + lengthOfLength > data.Length)
            {
                throw new FormatException("RLP length prefix runs past the end of the data.");
            }

            if (data[start + 1] == 0)
            {
                throw new FormatException("RLP length has leading zero bytes.");
            }

            length = 0;
            for (var i = 0; i < lengthOfLength; i++)
            {
                length = (length << 8) | data[start + 1 + i];
                if (length > int.MaxValue)
                {
                    throw new FormatException("RLP length is too large.");
                }
            }

            if (length < 56)
            {
                throw new FormatException("RLP long-form length used for a payload shorter than 56 bytes.");
            }

            offset = start + 1 + lengthOfLength;
        }

        if (offset + length > data.Length)
        {
            throw new FormatException($"RLP item of {length} bytes runs past the end of the data.");
        }

        return (offset, (int)length);
    }
}
