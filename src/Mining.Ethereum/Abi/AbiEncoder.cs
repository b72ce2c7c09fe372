using System.Collections;
using System.Numerics;
using System.Text;

namespace Mining.Ethereum.Abi;

/// <summary>Solidity ABI encoding (the contract ABI specification's head/tail layout).</summary>
public static class AbiEncoder
{
    /// <summary>Encodes <paramref name="values"/> as the tuple of <paramref name="types"/> (as function arguments are encoded).</summary>
    /// <exception cref="ArgumentException">A value does not fit its type.</exception>
    public static byte[] Encode(IReadOnlyList<AbiType> types, IReadOnlyList<object?> values)
    {
        ArgumentNullException.ThrowIfNull(types);
        ArgumentNullException.ThrowIfNull(values);
        if (types.Count != values.Count)
        {
            throw new ArgumentException($"Expected {types.Count} values for ({string.Join(',', types)}), got {values.Count}.", nameof(values));
        }

        using var stream = new MemoryStream();
        EncodeSequence(stream, types, values);
        return stream.ToArray();
    }

    /// <summary>Encodes values given as type names and values.</summary>
    public static byte[] Encode(string[] typeNames, params object?[] values) =>
        Encode(typeNames.Select(AbiType.Parse).ToList(), values);

    private static void EncodeSequence(MemoryStream output, IReadOnlyList<AbiType> types, IReadOnlyList<object?> values)
    {
        var headSize = types.Sum(type => type.HeadSize);
        var tails = new List<byte[]>();
        var tailOffset = headSize;
        for (var i = 0; i < types.Count; i++)
        {
            if (types[i].IsDynamic)
            {
                WriteWord(output, new BigInteger(tailOffset), signed: false);
                using var tail = new MemoryStream();
                EncodeValue(tail, types[i], values[i]);
                tails.Add(tail.ToArray());
                tailOffset += (int)tail.Length;
            }
            else
            {
                EncodeValue(output, types[i], values[i]);
            }
        }

        foreach (var tail in tails)
        {
            output.Write(tail);
        }
    }

    private static void EncodeValue(MemoryStream output, AbiType type, object? value)
    {
        switch (type.Kind)
        {
            case AbiTypeKind.UnsignedInteger:
            case AbiTypeKind.SignedInteger:
                WriteInteger(output, type, ToBigInteger(value, type));
                break;
            case AbiTypeKind.Address:
                var address = value is Address a ? a : throw Mismatch(type, value);
                output.Write(new byte[12]);
                output.Write(address.ToByteArray());
                break;
            case AbiTypeKind.Bool:
                WriteWord(output, value is bool b ? (b ? BigInteger.One : BigInteger.Zero) : throw Mismatch(type, value), signed: false);
                break;
            case AbiTypeKind.FixedBytes:
                var fixedBytes = ToBytes(value, type);
                if (fixedBytes.Length != type.Size)
                {
                    throw new ArgumentException($"{type} takes exactly {type.Size} bytes, got {fixedBytes.Length}.");
                }

                WritePadded(output, fixedBytes);
                break;
            case AbiTypeKind.Bytes:
                var bytes = ToBytes(value, type);
                WriteWord(output, bytes.Length, signed: false);
                WritePadded(output, bytes);
                break;
            case AbiTypeKind.Text:
                var text = Encoding.UTF8.GetBytes(value as string ?? throw Mismatch(type, value));
                WriteWord(output, text.Length, signed: false);
                WritePadded(output, text);
                break;
            case AbiTypeKind.FixedArray:
                var fixedItems = ToList(value, type);
                if (fixedItems.Count != type.Size)
                {
                    throw new ArgumentException($"{type} takes exactly {type.Size} elements, got {fixedItems.Count}.");
                }

                EncodeSequence(output, Enumerable.Repeat(type.Element!, fixedItems.Count).ToList(), fixedItems);
                break;
            case AbiTypeKind.DynamicArray:
                var items = ToList(value, type);
                WriteWord(output, items.Count, signed: false);
                EncodeSequence(output, Enumerable.Repeat(type.Element!, items.Count).ToList(), items);
                break;
            case AbiTypeKind.Tuple:
                var fields = ToList(value, type);
                if (fields.Count != type.Components.Count)
                {
                    throw new ArgumentException($"{type} takes {type.Components.Count} fields, got {fields.Count}.");
                }

                EncodeSequence(output, type.Components, fields);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(type), type.Kind, "Unknown ABI type kind.");
        }
    }

    private static void WriteInteger(MemoryStream output, AbiType type, BigInteger value)
    {
        var bits = type.Size;
        var (min, max) = type.Kind == AbiTypeKind.UnsignedInteger
            ? (BigInteger.Zero, (BigInteger.One << bits) - 1)
            : (-(BigInteger.One << (bits - 1)), (BigInteger.One << (bits - 1)) - 1);
        if (value < min || value > max)
        {
            throw new ArgumentException($"{value} does not fit in {type} (range {min} to {max}).");
        }

        WriteWord(output, value, signed: type.Kind == AbiTypeKind.SignedInteger);
    }

    private static void WriteWord(MemoryStream output, BigInteger value, bool signed)
    {
        Span<byte> word = stackalloc byte[32];
        if (signed && value.Sign < 0)
        {
            word.Fill(0xff);
            value += BigInteger.One << 256;
        }

        var count = value.GetByteCount(isUnsigned: true);
        value.TryWriteBytes(word[(32 - count)..], out _, isUnsigned: true, isBigEndian: true);
        output.Write(word);
    }

    private static void WritePadded(MemoryStream output, byte[] bytes)
    {
        output.Write(bytes);
        var padding = (32 - (bytes.Length % 32)) % 32;
        output.Write(new byte[padding]);
    }

    private static BigInteger ToBigInteger(object? value, AbiType type) => value switch
    {
        BigInteger big => big,
        byte v => v,
        sbyte v => v,
        short v => v,
        ushort v => v,
        int v => v,
        uint v => v,
        long v => v,
        ulong v => v,
        UInt128 v => v,
        Int128 v => v,
        _ => throw Mismatch(type, value),
    };

    private static byte[] ToBytes(object? value, AbiType type) => value switch
    {
        byte[] bytes => bytes,
        ReadOnlyMemory<byte> memory => memory.ToArray(),
        Hash32 word => word.ToByteArray(),
        _ => throw Mismatch(type, value),
    };

    private static IReadOnlyList<object?> ToList(object? value, AbiType type) => value switch
    {
        IReadOnlyList<object?> list => list,
        string => throw Mismatch(type, value),
        IEnumerable enumerable => enumerable.Cast<object?>().ToList(),
        _ => throw Mismatch(type, value),
    };

    private static ArgumentException Mismatch(AbiType type, object? value) =>
        new($"A value of type {value?.GetType().Name ?? "null"} cannot be encoded as {type}.");
}
