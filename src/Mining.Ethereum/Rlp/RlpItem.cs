using System.Numerics;

namespace Mining.Ethereum.Rlp;

/// <summary>A decoded RLP item: either a byte string or a list of items.</summary>
public sealed class RlpItem
{
    private readonly byte[]? _bytes;
    private readonly IReadOnlyList<RlpItem>? _items;

    private RlpItem(byte[]? bytes, IReadOnlyList<RlpItem>? items)
    {
        _bytes = bytes;
        _items = items;
    }

    /// <summary>True for a list, false for a byte string.</summary>
    public bool IsList => _items is not null;

    /// <summary>The bytes of a byte-string item.</summary>
    /// <exception cref="FormatException">The item is a list.</exception>
    public ReadOnlyMemory<byte> Bytes => _bytes ?? throw new FormatException("Expected an RLP byte string, found a list.");

    /// <summary>The elements of a list item.</summary>
    /// <exception cref="FormatException">The item is a byte string.</exception>
    public IReadOnlyList<RlpItem> Items => _items ?? throw new FormatException("Expected an RLP list, found a byte string.");

    internal static RlpItem FromBytes(byte[] bytes) => new(bytes, null);

    internal static RlpItem FromList(IReadOnlyList<RlpItem> items) => new(null, items);

    /// <summary>Reads the byte string as a canonical unsigned big-endian integer (no leading zeros).</summary>
    public BigInteger AsInteger()
    {
        var bytes = Bytes.Span;
        if (bytes.Length > 0 && bytes[0] == 0)
        {
            throw new FormatException("An RLP integer must not have leading zero bytes.");
        }

        return new BigInteger(bytes, isUnsigned: true, isBigEndian: true);
    }

    /// <summary>Reads the byte string as an integer that fits in 64 bits.</summary>
    public ulong AsUInt64()
    {
        var value = AsInteger();
        return value <= ulong.MaxValue ? (ulong)value : throw new FormatException($"The RLP integer {value} does not fit in 64 bits.");
    }
}
