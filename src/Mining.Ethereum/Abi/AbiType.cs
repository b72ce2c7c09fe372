using System.Globalization;

namespace Mining.Ethereum.Abi;

/// <summary>The kind of an ABI type.</summary>
public enum AbiTypeKind
{
    UnsignedInteger,
    SignedInteger,
    Address,
    Bool,
    FixedBytes,
    Bytes,
    Text,
    FixedArray,
    DynamicArray,
    Tuple,
}

/// <summary>A Solidity ABI type, parsed from its canonical name (<c>uint32</c>, <c>bytes32[]</c>, <c>(address,uint256)</c>...).</summary>
/// <remarks>
/// Values map to CLR types as follows: integers ↔ <see cref="System.Numerics.BigInteger"/> (encoding also takes
/// the built-in integer types), <c>address</c> ↔ <see cref="Ethereum.Address"/>, <c>bool</c> ↔ <see cref="bool"/>,
/// <c>bytesN</c> and <c>bytes</c> ↔ <see cref="byte"/> arrays (encoding also takes <see cref="Hash32"/> for <c>bytes32</c>),
/// <c>string</c> ↔ <see cref="string"/>, arrays and tuples ↔ <see cref="IReadOnlyList{T}"/> of <see cref="object"/>.
/// </remarks>
public sealed class AbiType
{
    private AbiType(AbiTypeKind kind, int size, AbiType? element, IReadOnlyList<AbiType> components, string name)
    {
        Kind = kind;
        Size = size;
        Element = element;
        Components = components;
        CanonicalName = name;
    }

    /// <summary>The kind of type.</summary>
    public AbiTypeKind Kind { get; }

    /// <summary>Bits for integers, bytes for <c>bytesN</c>, length for fixed arrays; 0 otherwise.</summary>
    public int Size { get; }

    /// <summary>The element type of an array.</summary>
    public AbiType? Element { get; }

    /// <summary>The component types of a tuple.</summary>
    public IReadOnlyList<AbiType> Components { get; }

    /// <summary>The canonical name used in signatures (<c>uint256</c>, not <c>uint</c>).</summary>
    public string CanonicalName { get; }

    /// <summary>True when the encoding has a variable length (placed in the tail behind an offset).</summary>
    public bool IsDynamic => Kind switch
    {
        AbiTypeKind.Bytes or AbiTypeKind.Text or AbiTypeKind.DynamicArray => true,
        AbiTypeKind.FixedArray => Element!.IsDynamic,
        AbiTypeKind.Tuple => Components.Any(component => component.IsDynamic),
        _ => false,
    };

    /// <summary>The number of bytes the type takes in the head of an encoding.</summary>
    public int HeadSize => IsDynamic ? 32 : Kind switch
    {
        AbiTypeKind.FixedArray => Size * Element!.HeadSize,
        AbiTypeKind.Tuple => Components.Sum(component => component.HeadSize),
        _ => 32,
    };

    /// <summary>Parses a type name.</summary>
    /// <exception cref="FormatException">The name is not a supported ABI type.</exception>
    public static AbiType Parse(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var text = name.Trim();
        if (text.EndsWith(']'))
        {
            var open = text.LastIndexOf('[');
            if (open < 0)
            {
                throw new FormatException($"'{name}' has an unmatched ']'.");
            }

            var element = Parse(text[..open]);
            var length = text[(open + 1)..^1];
            if (length.Length == 0)
            {
                return new AbiType(AbiTypeKind.DynamicArray, 0, element, [], element.CanonicalName + "[]");
            }

            if (!int.TryParse(length, NumberStyles.None, CultureInfo.InvariantCulture, out var count) || count <= 0)
            {
                throw new FormatException($"'{name}' has an invalid array length '{length}'.");
            }

            return new AbiType(AbiTypeKind.FixedArray, count, element, [], $"{element.CanonicalName}[{count}]");
        }

        if (text.StartsWith("tuple(", StringComparison.Ordinal))
        {
            text = text[5..];
        }

        if (text.StartsWith('('))
        {
            if (!text.EndsWith(')'))
            {
                throw new FormatException($"'{name}' is not a well-formed tuple.");
            }

            var components = SplitTopLevel(text[1..^1]).Select(Parse).ToList();
            return new AbiType(AbiTypeKind.Tuple, 0, null, components, "(" + string.Join(',', components.Select(c => c.CanonicalName)) + ")");
        }

        return text switch
        {
            "address" => new AbiType(AbiTypeKind.Address, 0, null, [], "address"),
            "bool" => new AbiType(AbiTypeKind.Bool, 0, null, [], "bool"),
            "bytes" => new AbiType(AbiTypeKind.Bytes, 0, null, [], "bytes"),
            "string" => new AbiType(AbiTypeKind.Text, 0, null, [], "string"),
            "uint" => Integer(AbiTypeKind.UnsignedInteger, 256),
            "int" => Integer(AbiTypeKind.SignedInteger, 256),
            _ when text.StartsWith("uint", StringComparison.Ordinal) => Integer(AbiTypeKind.UnsignedInteger, Bits(text[4..], name)),
            _ when text.StartsWith("int", StringComparison.Ordinal) => Integer(AbiTypeKind.SignedInteger, Bits(text[3..], name)),
            _ when text.StartsWith("bytes", StringComparison.Ordinal) => FixedBytes(text[5..], name),
            _ => throw new FormatException($"'{name}' is not a supported ABI type."),
        };
    }

    /// <inheritdoc/>
    public override string ToString() => CanonicalName;

    internal static List<string> SplitTopLevel(string list)
    {
        var parts = new List<string>();
        var depth = 0;
        var start = 0;
        for (var i = 0; i < list.Length; i++)
        {
            switch (list[i])
            {
                case '(':
                    depth++;
                    break;
                case ')':
                    depth--;
                    break;
                case ',' when depth == 0:
                    parts.Add(list[start..i].Trim());
                    start = i + 1;
                    break;
            }
        }

        var last = list[start..].Trim();
        if (last.Length > 0 || parts.Count > 0)
        {
            parts.Add(last);
        }

        return parts;
    }

    private static AbiType Integer(AbiTypeKind kind, int bits) =>
        new(kind, bits, null, [], (kind == AbiTypeKind.UnsignedInteger ? "uint" : "int") + bits.ToString(CultureInfo.InvariantCulture));

    private static int Bits(string digits, string name)
    {
        if (!int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var bits) || bits is < 8 or > 256 || bits % 8 != 0)
        {
            throw new FormatException($"'{name}' is not an integer type: the width must be a multiple of 8 from 8 to 256.");
        }

        return bits;
    }

    private static AbiType FixedBytes(string digits, string name)
    {
        if (!int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var size) || size is < 1 or > 32)
        {
            throw new FormatException($"'{name}' is not a bytesN type: N must be 1 to 32.");
        }

        return new AbiType(AbiTypeKind.FixedBytes, size, null, [], "bytes" + size.ToString(CultureInfo.InvariantCulture));
    }
}
