using System.Numerics;
using Nethereum.ABI.ABIDeserialisation;
using Nethereum.ABI.FunctionEncoding;
using Nethereum.ABI.Model;
using Mining.Ethereum.Rpc;
using Nethereum.Hex.HexConvertors.Extensions;

namespace Mining.Ethereum.Abi;

/// <summary>Decodes revert data with Nethereum's ABI decoder: <c>Error(string)</c>, <c>Panic(uint256)</c> and the custom errors of a contract ABI.</summary>
/// <remarks>Address arguments come back as <see cref="Address"/>, <c>bytes32</c> as <see cref="Hash32"/>, integers as <see cref="BigInteger"/>.</remarks>
public sealed class RevertDecoder
{
    private static readonly ErrorABI ErrorString = new("Error") { InputParameters = [new Parameter("string", "message")] };
    private static readonly ErrorABI PanicCode = new("Panic") { InputParameters = [new Parameter("uint256", "code")] };
    private readonly IReadOnlyList<ErrorABI> _errors;

    private RevertDecoder(IEnumerable<ErrorABI> customErrors) => _errors = [ErrorString, PanicCode, .. customErrors];

    /// <summary>A decoder that knows only the built-in errors.</summary>
    public static RevertDecoder BuiltIn { get; } = new([]);

    /// <summary>A decoder that knows the custom errors declared in a contract's JSON ABI.</summary>
    public static RevertDecoder FromAbi(string abiJson) => new(new ABIJsonDeserialiser().DeserialiseContract(abiJson).Errors ?? []);

    /// <summary>Awaits a Nethereum call (<c>eth_call</c>, <c>eth_estimateGas</c>) and rethrows its <see cref="ExecutionRevertedException"/>
    /// with the revert decoded by this decoder (the client itself knows only the built-in errors).</summary>
    public async Task<T> DecodeRevertsAsync<T>(Task<T> call)
    {
        ArgumentNullException.ThrowIfNull(call);
        try
        {
            return await call;
        }
        catch (ExecutionRevertedException exception) when (exception.Reason.Kind == RevertKind.Unknown && !ReferenceEquals(this, BuiltIn))
        {
            throw new ExecutionRevertedException(exception.Method, exception.Code, Decode(exception.Reason.Data));
        }
    }

    /// <summary>Decodes revert data; never throws — malformed data comes back as <see cref="RevertKind.Unknown"/>.</summary>
    public RevertReason Decode(ReadOnlyMemory<byte> data)
    {
        if (data.Length == 0)
        {
            return new RevertReason(RevertKind.Empty, string.Empty, [], "reverted without a reason", data);
        }

        var selector = Convert.ToHexStringLower(data.Span[..Math.Min(4, data.Length)]);
        var error = _errors.FirstOrDefault(e => string.Equals(e.Sha3Signature.Replace("0x", string.Empty, StringComparison.Ordinal), selector, StringComparison.OrdinalIgnoreCase));
        if (error is null || data.Length < 4)
        {
            return Unknown(data, "unknown error");
        }

        if (data.Length < 4 + (32 * error.InputParameters.Length))
        {
            return Unknown(data, "malformed revert data");
        }

        List<object> arguments;
        try
        {
            arguments = [.. new ParameterDecoder().DecodeDefaultData(data.Span[4..].ToArray(), error.InputParameters).Select(o => Typed(o.Parameter.Type, o.Result))];
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            return Unknown(data, "malformed revert data");
        }

        return error.Name switch
        {
            "Error" when ReferenceEquals(error, ErrorString) => new RevertReason(RevertKind.Error, "Error", arguments, (string)arguments[0], data),
            "Panic" when ReferenceEquals(error, PanicCode) => new RevertReason(RevertKind.Panic, "Panic", arguments, $"panic 0x{(BigInteger)arguments[0]:x2}: {DescribePanic((BigInteger)arguments[0])}", data),
            _ => new RevertReason(RevertKind.Custom, error.Name, arguments,
                $"{error.Name}({string.Join(", ", error.InputParameters.Select((p, i) => $"{p.Name}: {Format(arguments[i])}"))})", data),
        };
    }

    private static object Typed(string type, object value) => (type, value) switch
    {
        ("address", string text) => Address.Parse(text.ToLowerInvariant()),
        ("bytes32", byte[] bytes) => new Hash32(bytes),
        _ => value,
    };

    private static RevertReason Unknown(ReadOnlyMemory<byte> data, string what) =>
        new(RevertKind.Unknown, string.Empty, [], $"{what} {data.Span[..Math.Min(4, data.Length)].ToArray().ToHex(true)} ({data.Length} bytes)", data);

    private static string Format(object value) => value is byte[] bytes ? bytes.ToHex(true) : value.ToString() ?? string.Empty;

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
