using System.Text.Json;

namespace Mining.Ethereum.Abi;

/// <summary>A contract's JSON ABI (as solc writes it): its functions, events and custom errors by name.</summary>
public sealed class AbiDefinition
{
    private AbiDefinition(IReadOnlyDictionary<string, AbiFunction> functions, IReadOnlyDictionary<string, AbiEvent> events, IReadOnlyList<AbiError> errors)
    {
        Functions = functions;
        Events = events;
        Errors = errors;
        RevertDecoder = new RevertDecoder(errors);
    }

    /// <summary>Functions by name (overloads are not supported and rejected).</summary>
    public IReadOnlyDictionary<string, AbiFunction> Functions { get; }

    /// <summary>Events by name.</summary>
    public IReadOnlyDictionary<string, AbiEvent> Events { get; }

    /// <summary>The custom errors the contract (and what it inherits) declares.</summary>
    public IReadOnlyList<AbiError> Errors { get; }

    /// <summary>A revert decoder that knows <see cref="Errors"/>.</summary>
    public RevertDecoder RevertDecoder { get; }

    /// <summary>The function named <paramref name="name"/>.</summary>
    /// <exception cref="KeyNotFoundException">The ABI has no such function.</exception>
    public AbiFunction Function(string name) =>
        Functions.TryGetValue(name, out var function) ? function : throw new KeyNotFoundException($"The ABI has no function '{name}'.");

    /// <summary>The event named <paramref name="name"/>.</summary>
    public AbiEvent Event(string name) =>
        Events.TryGetValue(name, out var abiEvent) ? abiEvent : throw new KeyNotFoundException($"The ABI has no event '{name}'.");

    /// <summary>Reads a JSON ABI array.</summary>
    /// <exception cref="FormatException">The JSON is not an ABI, or declares overloaded functions.</exception>
    public static AbiDefinition Parse(JsonElement abi)
    {
        if (abi.ValueKind != JsonValueKind.Array)
        {
            throw new FormatException("A JSON ABI is an array of entries.");
        }

        var functions = new Dictionary<string, AbiFunction>(StringComparer.Ordinal);
        var events = new Dictionary<string, AbiEvent>(StringComparer.Ordinal);
        var errors = new List<AbiError>();
        foreach (var entry in abi.EnumerateArray())
        {
            var kind = entry.GetProperty("type").GetString();
            var name = entry.TryGetProperty("name", out var n) ? n.GetString() ?? string.Empty : string.Empty;
            switch (kind)
            {
                case "function":
                    if (!functions.TryAdd(name, new AbiFunction(name, Parameters(entry, "inputs"), Parameters(entry, "outputs"))))
                    {
                        throw new FormatException($"The ABI overloads '{name}'; overloads are not supported.");
                    }

                    break;
                case "event":
                    events[name] = new AbiEvent(name, Parameters(entry, "inputs"));
                    break;
                case "error":
                    errors.Add(new AbiError(name, Parameters(entry, "inputs")));
                    break;
            }
        }

        return new AbiDefinition(functions, events, errors);
    }

    private static List<AbiParameter> Parameters(JsonElement entry, string property) =>
        entry.TryGetProperty(property, out var list)
            ? list.EnumerateArray().Select(p => new AbiParameter(
                p.GetProperty("name").GetString() ?? string.Empty,
                AbiType.Parse(TypeName(p)),
                p.TryGetProperty("indexed", out var indexed) && indexed.GetBoolean())).ToList()
            : [];

    private static string TypeName(JsonElement parameter)
    {
        var type = parameter.GetProperty("type").GetString()!;
        if (!type.StartsWith("tuple", StringComparison.Ordinal))
        {
            return type;
        }

        var components = parameter.GetProperty("components").EnumerateArray().Select(TypeName);
        return "(" + string.Join(',', components) + ")" + type["tuple".Length..];
    }
}
