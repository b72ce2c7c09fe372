using System.Text.Json;
using System.Text.Json.Serialization;

namespace Mining.Ipfs.Pinning;

/// <summary>Wire shapes of the Pinning Service API v1.0.0 (lower-case field names as the spec writes them).</summary>
internal static class PinningJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    internal sealed record PinDto(
        [property: JsonPropertyName("cid")] string Cid,
        [property: JsonPropertyName("name")] string? Name,
        [property: JsonPropertyName("origins")] IReadOnlyList<string>? Origins,
        [property: JsonPropertyName("meta")] IReadOnlyDictionary<string, string>? Meta);

    internal sealed record PinStatusDto(
        [property: JsonPropertyName("requestid")] string RequestId,
        [property: JsonPropertyName("status")] string Status,
        [property: JsonPropertyName("created")] DateTimeOffset Created,
        [property: JsonPropertyName("pin")] PinDto Pin,
        [property: JsonPropertyName("delegates")] IReadOnlyList<string>? Delegates,
        [property: JsonPropertyName("info")] IReadOnlyDictionary<string, string>? Info);

    internal sealed record PinResultsDto(
        [property: JsonPropertyName("count")] int Count,
        [property: JsonPropertyName("results")] IReadOnlyList<PinStatusDto> Results);

    internal sealed record FailureDto([property: JsonPropertyName("error")] FailureErrorDto? Error);

    internal sealed record FailureErrorDto(
        [property: JsonPropertyName("reason")] string? Reason,
        [property: JsonPropertyName("details")] string? Details);
}
