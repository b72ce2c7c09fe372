using System.Buffers;

namespace Mining.Functions.Learnings;

/// <summary>Learning ids: <c>lrn_</c> and 24 lowercase hex digits (derived from the contributor and the content).</summary>
internal static class LearningIds
{
    private static readonly SearchValues<char> Hex = SearchValues.Create("0123456789abcdef");

    public static bool IsWellFormed(string? id) =>
        id is { Length: 28 } && id.StartsWith("lrn_", StringComparison.Ordinal) && !id.AsSpan(4).ContainsAnyExcept(Hex);
}
