namespace Mining.Core.Learnings;

/// <summary>SPDX license identifiers a learning may be published under.</summary>
/// <remarks>All allow free reuse of published knowledge; the default asks for attribution.</remarks>
public static class LearningLicenses
{
    public const string Default = "CC-BY-4.0";

    public static IReadOnlyList<string> Allowed { get; } = ["CC-BY-4.0", "CC-BY-SA-4.0", "CC0-1.0", "MIT", "Apache-2.0"];

    public static bool IsAllowed(string license) => Allowed.Contains(license, StringComparer.Ordinal);
}
