namespace Mining.Ethereum.Abi;

/// <summary>A decoded log: the event and its values by parameter name.</summary>
public sealed record DecodedEvent(AbiEvent Event, IReadOnlyDictionary<string, object> Values)
{
    /// <summary>The value of a parameter, converted to <typeparamref name="T"/>.</summary>
    public T Get<T>(string name) => Values.TryGetValue(name, out var value)
        ? (T)value
        : throw new KeyNotFoundException($"Event {Event.Name} has no parameter '{name}'.");
}
