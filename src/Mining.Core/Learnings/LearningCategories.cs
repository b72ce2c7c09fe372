namespace Mining.Core.Learnings;

/// <summary>The documented list of learning categories (<c>docs/categories.md</c>).</summary>
public static class LearningCategories
{
    public static IReadOnlyList<string> All { get; } =
    [
        "bug-fix",
        "debugging",
        "performance",
        "security",
        "testing",
        "architecture",
        "api-usage",
        "build-and-tooling",
        "deployment",
        "data",
        "concurrency",
        "refactoring",
        "documentation",
        "other",
    ];

    public static bool IsKnown(string category) => All.Contains(category, StringComparer.Ordinal);
}
