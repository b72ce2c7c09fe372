using Mining.Ethereum.Crypto;

namespace Mining.Ethereum.Abi;

/// <summary>A contract event: its topic and log decoding.</summary>
/// <remarks>
/// Indexed parameters come from the topics; indexed dynamic values (bytes, string, arrays, tuples) are stored
/// on chain only as their Keccak hash, so they decode to a <see cref="Hash32"/>.
/// </remarks>
public sealed class AbiEvent
{
    /// <summary>Creates an event from its name and parameters.</summary>
    public AbiEvent(string name, IReadOnlyList<AbiParameter> parameters)
    {
        Name = name;
        Parameters = parameters;
        Signature = $"{name}({string.Join(',', parameters.Select(p => p.Type.CanonicalName))})";
        Topic = Keccak256.HashToWord(System.Text.Encoding.ASCII.GetBytes(Signature));
    }

    public string Name { get; }

    public IReadOnlyList<AbiParameter> Parameters { get; }

    /// <summary>The canonical signature, e.g. <c>BatchAnchored(uint256,bytes32,uint32,bytes32,bytes32)</c>.</summary>
    public string Signature { get; }

    /// <summary>topic[0] of the event's logs: <c>keccak256(Signature)</c>.</summary>
    public Hash32 Topic { get; }

    /// <summary>Parses <c>"Name(type indexed a, type b)"</c>.</summary>
    public static AbiEvent Parse(string declaration)
    {
        var function = AbiFunction.Parse(declaration);
        return new AbiEvent(function.Name, function.Inputs);
    }

    /// <summary>Decodes a log of this event into its named values.</summary>
    /// <exception cref="FormatException">The log is not this event, or its topics or data do not match the parameters.</exception>
    public DecodedEvent Decode(IReadOnlyList<Hash32> topics, ReadOnlySpan<byte> data)
    {
        ArgumentNullException.ThrowIfNull(topics);
        var indexed = Parameters.Where(p => p.Indexed).ToList();
        if (topics.Count != indexed.Count + 1 || topics[0] != Topic)
        {
            throw new FormatException($"The log is not a {Signature} event (topic or topic count does not match).");
        }

        var nonIndexed = Parameters.Where(p => !p.Indexed).ToList();
        var dataValues = AbiDecoder.Decode(nonIndexed.Select(p => p.Type).ToList(), data);
        var values = new Dictionary<string, object>(StringComparer.Ordinal);
        int topic = 1, dataIndex = 0;
        foreach (var parameter in Parameters)
        {
            if (parameter.Indexed)
            {
                var word = topics[topic++];
                values[parameter.Name] = parameter.Type.IsDynamic || parameter.Type.Kind is AbiTypeKind.Tuple or AbiTypeKind.FixedArray
                    ? word
                    : AbiDecoder.Decode([parameter.Type], word.ToByteArray())[0];
            }
            else
            {
                values[parameter.Name] = dataValues[dataIndex++];
            }
        }

        return new DecodedEvent(this, values);
    }

    /// <inheritdoc/>
    public override string ToString() => Signature;
}
