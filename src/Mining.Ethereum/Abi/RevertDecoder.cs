using System.Numerics;

namespace Mining.Ethereum.Abi;

/// <summary>Decodes revert data: <c>Error(string)</c>, <c>Panic(uint256)</c> and the custom errors it is given.</summary>
public sealed class RevertDecoder
{
    private static readonly AbiError ErrorString = AbiError.Parse("Error(string message)");
    private static readonly AbiError PanicCode = AbiError.Parse("Panic(uint256 code)");
    private readonly IReadOnlyList<AbiError> _customErrors;

    /// <summary>Creates a decoder that knows <paramref name="customErrors"/>.</summary>
    public RevertDecoder(IEnumerable<AbiError> customErrors)
    {
        _customErrors = customErrors.ToList();
    }

    /// <summary>A decoder that knows only the built-in errors.</summary>
    public static RevertDecoder BuiltIn { get; } = new([]);

    /// <summary>Decodes revert data; never throws — malformed data comes back as <see cref="RevertKind.Unknown"/>.</summary>
    public RevertReason Decode(ReadOnlyMemory<byte> data)
    {
        var span = data.Span;
        if (span.Length == 0)
        {
            return new RevertReason(RevertKind.Empty, string.Empty, [], "reverted without a reason", data);
        }

        if (span.Length >= 4)
        {
            try
            {
                if (span[..4].SequenceEqual(ErrorString.Selector.Span))
                {
                    var message = (string)AbiDecoder.Decode([AbiType.Parse("string")], span[4..])[0];
                    return new RevertReason(RevertKind.Error, "Error", [message], message, data);
                }

                if (span[..4].SequenceEqual(PanicCode.Selector.Span))
                {
                    var code = (BigInteger)AbiDecoder.Decode([AbiType.Parse("uint256")], span[4..])[0];
                    return new RevertReason(RevertKind.Panic, "Panic", [code], $"panic 0x{code:x2}: {DescribePanic(code)}", data);
                }

                foreach (var error in _customErrors)
                {
                    if (span[..4].SequenceEqual(error.Selector.Span))
                    {
                        var arguments = AbiDecoder.Decode(error.Parameters.Select(p => p.Type).ToList(), span[4..]);
                        var shown = string.Join(", ", error.Parameters.Select((p, i) => $"{p.Name}: {Format(arguments[i])}"));
                        return new RevertReason(RevertKind.Custom, error.Name, arguments, $"{error.Name}({shown})", data);
                    }
                }
            }
            catch (FormatException)
            {
                return Unknown(data, "malformed revert data");
            }
        }

        return Unknown(data, "unknown error");
    }

    private static RevertReason Unknown(ReadOnlyMemory<byte> data, string what) =>
        new(RevertKind.Unknown, string.Empty, [], $"{what} {Hex.Encode(data.Span[..Math.Min(4, data.Length)])} ({data.Length} bytes)", data);

    private static string Format(object value) => value switch
    {
        byte[] bytes => Hex.Encode(bytes),
        _ => value.ToString() ?? string.Empty,
    };

    private static string DescribePanic(BigInteger code) => (int)(code & 0xff) switch
    {
        0x01 => "assertion failed",
        0x11 => "arithmetic overflow or underflow",
        0x12 => "division or modulo by zero",
        0x21 => "invalid enum value",
        0x22 => "corrupt storage byte array",
        0x31 => "pop on an empty array",
        0x32 => "array index out of bounds",
        0x41 => "out of memory",
        0x51 => "call to an uninitialized function",
        _ => "unknown panic code",
    };
}
