using System.Text.Json;

namespace Mining.Durable;

/// <summary>Turns inputs, outputs, event payloads and custom status into JSON and back (System.Text.Json).</summary>
public sealed class DataConverter
{
    public DataConverter(JsonSerializerOptions? options = null)
    {
        Options = options ?? new JsonSerializerOptions(JsonSerializerDefaults.Web);
    }

    public JsonSerializerOptions Options { get; }

    public string? Serialize(object? value) => value is null ? null : JsonSerializer.Serialize(value, value.GetType(), Options);

    public object? Deserialize(string? json, Type type)
    {
        ArgumentNullException.ThrowIfNull(type);
        return json is null ? null : JsonSerializer.Deserialize(json, type, Options);
    }

    public T? Deserialize<T>(string? json) => json is null ? default : JsonSerializer.Deserialize<T>(json, Options);
}
