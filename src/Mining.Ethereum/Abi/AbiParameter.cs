namespace Mining.Ethereum.Abi;

/// <summary>A named parameter of a function, event or error.</summary>
public sealed record AbiParameter(string Name, AbiType Type, bool Indexed = false)
{
    /// <summary>Parses a parameter list as Solidity writes it: <c>"uint256 indexed batchId, bytes32 root"</c>.</summary>
    public static IReadOnlyList<AbiParameter> ParseList(string list)
    {
        ArgumentNullException.ThrowIfNull(list);
        return AbiType.SplitTopLevel(list).Select(Parse).ToList();
    }

    private static AbiParameter Parse(string declaration)
    {
        var closing = declaration.LastIndexOf(')');
        var typeEnd = declaration.IndexOf(' ', closing < 0 ? 0 : closing);
        var typeName = typeEnd < 0 ? declaration : declaration[..typeEnd];
        var rest = typeEnd < 0 ? [] : declaration[typeEnd..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var indexed = rest.Length > 0 && rest[0] == "indexed";
        var name = rest.Length > (indexed ? 1 : 0) ? rest[^1] : string.Empty;
        return new AbiParameter(name, AbiType.Parse(typeName), indexed);
    }
}
