using System.Buffers.Binary;
using System.Globalization;

namespace Mining.Core.Merkle;

/// <summary>A 32-byte value (hash, Merkle node) shown as <c>0x</c>-prefixed lowercase hex.</summary>
/// <remarks>Ordering is byte-wise big-endian, the order OpenZeppelin uses when it sorts leaves and pairs.</remarks>
public readonly struct Bytes32 : IEquatable<Bytes32>, IComparable<Bytes32>
{
    private readonly ulong _a;
    private readonly ulong _b;
    private readonly ulong _c;
    private readonly ulong _d;

    public Bytes32(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length != 32)
        {
            throw new ArgumentException($"A 32-byte value needs exactly 32 bytes, got {bytes.Length}.", nameof(bytes));
        }

        _a = BinaryPrimitives.ReadUInt64BigEndian(bytes);
        _b = BinaryPrimitives.ReadUInt64BigEndian(bytes[8..]);
        _c = BinaryPrimitives.ReadUInt64BigEndian(bytes[16..]);
        _d = BinaryPrimitives.ReadUInt64BigEndian(bytes[24..]);
    }

    public void CopyTo(Span<byte> destination)
    {
        BinaryPrimitives.WriteUInt64BigEndian(destination, _a);
        BinaryPrimitives.WriteUInt64BigEndian(destination[8..], _b);
        BinaryPrimitives.WriteUInt64BigEndian(destination[16..], _c);
        BinaryPrimitives.WriteUInt64BigEndian(destination[24..], _d);
    }

    public byte[] ToArray()
    {
        var bytes = new byte[32];
        CopyTo(bytes);
        return bytes;
    }

    /// <summary>Parses 64 hex digits, with or without <c>0x</c>.</summary>
    /// <exception cref="FormatException">The text is not 32 bytes of hex.</exception>
    public static Bytes32 Parse(string hex)
    {
        ArgumentNullException.ThrowIfNull(hex);
        var digits = hex.StartsWith("0x", StringComparison.OrdinalIgnoreCase) ? hex.AsSpan(2) : hex.AsSpan();
        if (digits.Length != 64)
        {
            throw new FormatException($"Expected 64 hex digits (32 bytes), got {digits.Length} characters.");
        }

        Span<byte> bytes = stackalloc byte[32];
        for (var i = 0; i < 32; i++)
        {
            if (!byte.TryParse(digits.Slice(i * 2, 2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out bytes[i]))
            {
                throw new FormatException($"'{digits.Slice(i * 2, 2)}' at position {i * 2} is not hex.");
            }
        }

        return new Bytes32(bytes);
    }

    public override string ToString()
    {
        Span<byte> bytes = stackalloc byte[32];
        CopyTo(bytes);
        return "0x" + Convert.ToHexStringLower(bytes);
    }

    public bool Equals(Bytes32 other) => _a == other._a && _b == other._b && _c == other._c && _d == other._d;

    public override bool Equals(object? obj) => obj is Bytes32 other && Equals(other);

    public override int GetHashCode() => HashCode.Combine(_a, _b, _c, _d);

    public int CompareTo(Bytes32 other)
    {
        var result = _a.CompareTo(other._a);
        if (result == 0)
        {
            result = _b.CompareTo(other._b);
        }

        if (result == 0)
        {
            result = _c.CompareTo(other._c);
        }

        return result == 0 ? _d.CompareTo(other._d) : result;
    }

    public static bool operator ==(Bytes32 left, Bytes32 right) => left.Equals(right);

    public static bool operator !=(Bytes32 left, Bytes32 right) => !left.Equals(right);

    public static bool operator <(Bytes32 left, Bytes32 right) => left.CompareTo(right) < 0;

    public static bool operator >(Bytes32 left, Bytes32 right) => left.CompareTo(right) > 0;

    public static bool operator <=(Bytes32 left, Bytes32 right) => left.CompareTo(right) <= 0;

    public static bool operator >=(Bytes32 left, Bytes32 right) => left.CompareTo(right) >= 0;
}
