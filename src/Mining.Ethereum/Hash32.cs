using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;
using Nethereum.Util;

namespace Mining.Ethereum;

/// <summary>A 32-byte word: a Keccak hash, a block hash, a Merkle root, an ABI <c>bytes32</c>.</summary>
/// <remarks>
/// Equality is by value; <see cref="ToString"/> writes <c>0x</c> and 64 lowercase hex digits. Ordering is byte-wise
/// big-endian, the order OpenZeppelin uses when it sorts Merkle leaves and pairs.
/// </remarks>
[System.Text.Json.Serialization.JsonConverter(typeof(Json.Hash32JsonConverter))]
public readonly record struct Hash32 : IComparable<Hash32>
{
    /// <summary>The length in bytes.</summary>
    public const int Length = 32;

    private readonly ulong _a;
    private readonly ulong _b;
    private readonly ulong _c;
    private readonly ulong _d;

    /// <summary>Creates a value from exactly 32 bytes.</summary>
    public Hash32(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length != Length)
        {
            throw new ArgumentException($"A 32-byte word was expected, got {bytes.Length} bytes.", nameof(bytes));
        }

        _a = BinaryPrimitives.ReadUInt64BigEndian(bytes);
        _b = BinaryPrimitives.ReadUInt64BigEndian(bytes[8..]);
        _c = BinaryPrimitives.ReadUInt64BigEndian(bytes[16..]);
        _d = BinaryPrimitives.ReadUInt64BigEndian(bytes[24..]);
    }

    /// <summary>The all-zero word.</summary>
    public static Hash32 Zero => default;

    /// <summary>True for the all-zero word.</summary>
    public bool IsZero => (_a | _b | _c | _d) == 0;

    /// <summary>Keccak-256 of <paramref name="data"/> as Ethereum computes it (Nethereum's <see cref="Sha3Keccack"/>).</summary>
    public static Hash32 Keccak256(ReadOnlySpan<byte> data) => new(Sha3Keccack.Current.CalculateHash(data.ToArray()));

    /// <summary>Parses 64 hex digits, <c>0x</c>-prefixed as written everywhere in the project (the prefix may be left out).</summary>
    /// <exception cref="FormatException">The text is not a 32-byte hex word.</exception>
    public static Hash32 Parse(string text)
    {
        if (!TryParse(text, out var value))
        {
            throw new FormatException($"'{text}' is not a 32-byte hex word: expected 0x followed by 64 hex digits.");
        }

        return value;
    }

    /// <summary>Tries to parse 64 hex digits, with or without <c>0x</c>.</summary>
    public static bool TryParse([NotNullWhen(true)] string? text, out Hash32 value)
    {
        value = default;
        var digits = text is not null && text.StartsWith("0x", StringComparison.OrdinalIgnoreCase) ? text.AsSpan(2) : text.AsSpan();
        if (digits.Length != 2 * Length)
        {
            return false;
        }

        Span<byte> bytes = stackalloc byte[Length];
        if (Convert.FromHexString(digits, bytes, out _, out var written) != System.Buffers.OperationStatus.Done || written != Length)
        {
            return false;
        }

        value = new Hash32(bytes);
        return true;
    }

    /// <summary>Copies the 32 bytes into <paramref name="destination"/>.</summary>
    public void CopyTo(Span<byte> destination)
    {
        BinaryPrimitives.WriteUInt64BigEndian(destination, _a);
        BinaryPrimitives.WriteUInt64BigEndian(destination[8..], _b);
        BinaryPrimitives.WriteUInt64BigEndian(destination[16..], _c);
        BinaryPrimitives.WriteUInt64BigEndian(destination[24..], _d);
    }

    /// <summary>Returns a new array holding the 32 bytes.</summary>
    public byte[] ToByteArray()
    {
        var bytes = new byte[Length];
        CopyTo(bytes);
        return bytes;
    }

    /// <inheritdoc/>
    public override string ToString()
    {
        Span<byte> bytes = stackalloc byte[Length];
        CopyTo(bytes);
        return "0x" + Convert.ToHexStringLower(bytes);
    }

    /// <inheritdoc/>
    public int CompareTo(Hash32 other)
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

    public static bool operator <(Hash32 left, Hash32 right) => left.CompareTo(right) < 0;

    public static bool operator >(Hash32 left, Hash32 right) => left.CompareTo(right) > 0;

    public static bool operator <=(Hash32 left, Hash32 right) => left.CompareTo(right) <= 0;

    public static bool operator >=(Hash32 left, Hash32 right) => left.CompareTo(right) >= 0;
}
