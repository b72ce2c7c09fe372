using System.Text.Json;

namespace Mining.Core.Tests.Privacy;

/// <summary>One line of the privacy corpus: a text and, for positives (plain or wrapped), the rule that must flag it.</summary>
internal sealed record CorpusSample(string Category, string Text, string? Rule)
{
    private static readonly string Root = Path.Combine(AppContext.BaseDirectory, "Privacy", "Corpus");

    public static IReadOnlyList<CorpusSample> Positives { get; } = Load("positives");

    public static IReadOnlyList<CorpusSample> Negatives { get; } = Load("negatives");

    /// <summary>The first positive of every category in every decoded form; <see cref="Category"/> is the form (<c>wrapped/&lt;form&gt;.jsonl</c>).</summary>
    public static IReadOnlyList<CorpusSample> Wrapped { get; } = Load("wrapped");

    private static List<CorpusSample> Load(string kind) =>
        Directory.GetFiles(Path.Combine(Root, kind), "*.jsonl")
            .Order(StringComparer.Ordinal)
            .SelectMany(file => File.ReadAllLines(file)
                .Where(line => line.Length > 0)
                .Select(line =>
                {
                    var element = JsonDocument.Parse(line).RootElement;
                    return new CorpusSample(
                        Path.GetFileNameWithoutExtension(file),
                        element.GetProperty("text").GetString()!,
                        element.TryGetProperty("rule", out var rule) ? rule.GetString() : null);
                }))
            .ToList();
}
