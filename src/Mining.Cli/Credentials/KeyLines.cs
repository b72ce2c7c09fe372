using System.Text.Json;
using Mining.Cli.Learnings;

namespace Mining.Cli.Credentials;

/// <summary>How an API key listing (<c>ApiKeyInfo</c>: id, prefix, dates, state; never the key) reads on one line.</summary>
internal static class KeyLines
{
    public static string Line(JsonElement key, bool current) =>
        $"{LearningView.Text(key, "id")}  {LearningView.Text(key, "prefix")}…  {LearningView.Text(key, "state"),-8}"
        + $"  created {Date(key, "createdAt") ?? "unknown"}  last used {Date(key, "lastUsedAt") ?? "never"}"
        + (Date(key, "expiresAt") is { } expires && LearningView.Text(key, "state") is "expiring" or "expired" ? $"  stops {expires}" : string.Empty)
        + (Date(key, "revokedAt") is { } revoked ? $"  revoked {revoked} by the {LearningView.Text(key, "revokedBy") ?? "?"}" : string.Empty)
        + (current ? "  (this key)" : string.Empty);

    public static string? Date(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetDateTimeOffset().ToUniversalTime().ToString("u", System.Globalization.CultureInfo.InvariantCulture)
            : null;
}
