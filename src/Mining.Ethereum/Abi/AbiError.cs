using Mining.Ethereum.Crypto;

namespace Mining.Ethereum.Abi;

/// <summary>A Solidity custom error (<c>error InvalidProof(address account)</c>): selector and argument decoding.</summary>
public sealed class AbiError
{
    /// <summary>Creates an error from its name and parameters.</summary>
    public AbiError(string name, IReadOnlyList<AbiParameter> parameters)
    {
        Name = name;
        Parameters = parameters;
        Signature = $"{name}({string.Join(',', parameters.Select(p => p.Type.CanonicalName))})";
        Selector = Keccak256.Hash(System.Text.Encoding.ASCII.GetBytes(Signature)).AsMemory(0, 4);
    }

    public string Name { get; }

    public IReadOnlyList<AbiParameter> Parameters { get; }

    /// <summary>The canonical signature, e.g. <c>InvalidProof(address)</c>.</summary>
    public string Signature { get; }

    /// <summary>The 4-byte selector that starts the revert data.</summary>
    public ReadOnlyMemory<byte> Selector { get; }

    /// <summary>Parses <c>"Name(type a, type b)"</c>.</summary>
    public static AbiError Parse(string declaration)
    {
        var function = AbiFunction.Parse(declaration);
        return new AbiError(function.Name, function.Inputs);
    }

    /// <summary>Encodes revert data for this error (used by tests and stubs).</summary>
    public byte[] Encode(params object?[] arguments) => new AbiFunction(Name, Parameters, []).EncodeCall(arguments);

    /// <inheritdoc/>
    public override string ToString() => Signature;
}
