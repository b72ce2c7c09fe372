using Mining.Ethereum.Crypto;

namespace Mining.Ethereum.Abi;

/// <summary>A contract function: its selector, call encoding and output decoding.</summary>
public sealed class AbiFunction
{
    /// <summary>Creates a function from its name and parameters.</summary>
    public AbiFunction(string name, IReadOnlyList<AbiParameter> inputs, IReadOnlyList<AbiParameter> outputs)
    {
        Name = name;
        Inputs = inputs;
        Outputs = outputs;
        Signature = $"{name}({string.Join(',', inputs.Select(p => p.Type.CanonicalName))})";
        Selector = Keccak256.Hash(System.Text.Encoding.ASCII.GetBytes(Signature)).AsMemory(0, 4);
    }

    public string Name { get; }

    public IReadOnlyList<AbiParameter> Inputs { get; }

    public IReadOnlyList<AbiParameter> Outputs { get; }

    /// <summary>The canonical signature, e.g. <c>anchor(bytes32,uint32,bytes32,bytes32)</c>.</summary>
    public string Signature { get; }

    /// <summary>The 4-byte selector: the first bytes of <c>keccak256(Signature)</c>.</summary>
    public ReadOnlyMemory<byte> Selector { get; }

    /// <summary>Parses <c>"name(type a, type b)"</c> with optional outputs <c>"type x, type y"</c>.</summary>
    public static AbiFunction Parse(string declaration, string outputs = "")
    {
        ArgumentNullException.ThrowIfNull(declaration);
        var open = declaration.IndexOf('(', StringComparison.Ordinal);
        if (open <= 0 || !declaration.EndsWith(')'))
        {
            throw new FormatException($"'{declaration}' is not a function declaration like name(type a, type b).");
        }

        return new AbiFunction(declaration[..open].Trim(), AbiParameter.ParseList(declaration[(open + 1)..^1]), AbiParameter.ParseList(outputs));
    }

    /// <summary>Encodes a call: selector followed by the encoded arguments.</summary>
    public byte[] EncodeCall(params object?[] arguments)
    {
        var encoded = AbiEncoder.Encode(Inputs.Select(p => p.Type).ToList(), arguments);
        var call = new byte[4 + encoded.Length];
        Selector.Span.CopyTo(call);
        encoded.CopyTo(call, 4);
        return call;
    }

    /// <summary>Decodes the return data of a call.</summary>
    public IReadOnlyList<object> DecodeOutput(ReadOnlySpan<byte> returnData) =>
        AbiDecoder.Decode(Outputs.Select(p => p.Type).ToList(), returnData);

    /// <summary>Decodes the arguments of call data that starts with this function's selector.</summary>
    public IReadOnlyList<object> DecodeCall(ReadOnlySpan<byte> callData)
    {
        if (callData.Length < 4 || !callData[..4].SequenceEqual(Selector.Span))
        {
            throw new FormatException($"The call data does not start with the selector of {Signature}.");
        }

        return AbiDecoder.Decode(Inputs.Select(p => p.Type).ToList(), callData[4..]);
    }

    /// <inheritdoc/>
    public override string ToString() => Signature;
}
