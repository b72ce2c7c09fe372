using System.Numerics;
using System.Text;

namespace Mining.Ethereum.Abi;

/// <summary>Solidity ABI decoding, with bounds checks on every offset and length.</summary>
/// <remarks>Values come back as the CLR types listed on <see cref="AbiType"/>.</remarks>
public static class AbiDecoder
{
    /// <summary>Decodes the tuple of <paramref name="types"/> from <paramref name="data"/>.</summary>
    /// <exception cref="FormatException">The data is too short, an offset points outside it, or a value is out of range for its type.</exception>
    public static IReadOnlyList<object> Decode(IReadOnlyList<AbiType> types, ReadOnlySpan<byte> data)
    {
        ArgumentNullException.ThrowIfNull(types);
        return DecodeSequence(types, data, 0);
    }

    /// <summary>Decodes values given as type names.</summary>
    public static IReadOnlyList<object> Decode(string[] typeNames, ReadOnlySpan<byte> data) =>
        Decode(typeNames.Select(AbiType.Parse).ToList(), data);

    private static List<object> DecodeSequence(IReadOnlyList<AbiType> types, ReadOnlySpan<byte> data, int start)
    {
        var values = new List<object>(types.Count);
        var head = start;
        foreach (var type in types)
        {
            if (type.IsDynamic)
            {
                var offset = ReadLength(data, head, "offset");
                values.Add(DecodeValue(type, data, checked(start + offset)));
            }
            else
            {
                values.Add(DecodeValue(type, data, head));
            }

            head += type.HeadSize;
        }

        return values;
    }

    private static object DecodeValue(AbiType type, ReadOnlySpan<byte> data, int position)
    {
        switch (type.Kind)
        {
            case AbiTypeKind.UnsignedInteger:
            {
                var value = new BigInteger(Word(data, position), isUnsigned: true, isBigEndian: true);
                return value < (BigInteger.One << type.Size) ? value : throw new FormatException($"{value} is out of range for {type}.");
            }

            case AbiTypeKind.SignedInteger:
            {
                var value = new BigInteger(Word(data, position), isUnsigned: false, isBigEndian: true);
                var limit = BigInteger.One << (type.Size - 1);
                return value >= -limit && value < limit ? value : throw new FormatException($"{value} is out of range for {type}.");
            }

            case AbiTypeKind.Address:
            {
                var word = Word(data, position);
                RequireZero(word[..12], type);
                return new Address(word[12..]);
            }

            case AbiTypeKind.Bool:
            {
                var word = Word(data, position);
                RequireZero(word[..31], type);
                return word[31] switch
                {
                    0 => false,
                    1 => true,
                    var b => throw new FormatException($"A bool must be 0 or 1, got {b}."),
                };
            }

            case AbiTypeKind.FixedBytes:
            {
                var word = Word(data, position);
                RequireZero(word[type.Size..], type);
                return word[..type.Size].ToArray();
            }

            case AbiTypeKind.Bytes:
                return Slice(data, position).ToArray();
            case AbiTypeKind.Text:
                return Encoding.UTF8.GetString(Slice(data, position));
            case AbiTypeKind.FixedArray:
                return DecodeSequence(Enumerable.Repeat(type.Element!, type.Size).ToList(), data, position);
            case AbiTypeKind.DynamicArray:
            {
                var count = ReadLength(data, position, "array length");
                if ((long)count * 32 > data.Length)
                {
                    throw new FormatException($"An array of {count} elements cannot fit in {data.Length} bytes.");
                }

                return DecodeSequence(Enumerable.Repeat(type.Element!, count).ToList(), data, position + 32);
            }

            case AbiTypeKind.Tuple:
                return DecodeSequence(type.Components, data, position);
            default:
                throw new ArgumentOutOfRangeException(nameof(type), type.Kind, "Unknown ABI type kind.");
        }
    }

    private static ReadOnlySpan<byte> Slice(ReadOnlySpan<byte> data, int position)
    {
        var length = ReadLength(data, position, "length");
        var start = position + 32;
        if ((long)start + length > data.Length)
        {
            throw new FormatException($"A value of {length} bytes at {start} runs past the end of {data.Length} bytes of ABI data.");
        }

        return data.Slice(start, length);
    }

    private static int ReadLength(ReadOnlySpan<byte> data, int position, string what)
    {
        var value = new BigInteger(Word(data, position), isUnsigned: true, isBigEndian: true);
        if (value > data.Length)
        {
            throw new FormatException($"The {what} {value} at byte {position} points past the end of {data.Length} bytes of ABI data.");
        }

        return (int)value;
    }

    private static ReadOnlySpan<byte> Word(ReadOnlySpan<byte> data, int position)
    {
        if (position < 0 || (long)position + 32 > data.Length)
        {
            throw new FormatException($"ABI data of {data.Length} bytes ends before the word at byte {position}.");
        }

        return data.Slice(position, 32);
    }

    private static void RequireZero(ReadOnlySpan<byte> padding, AbiType type)
    {
        if (padding.ContainsAnyExcept((byte)0))
        {
            throw new FormatException($"The padding of a {type} value is not zero.");
        }
    }
}
