using Mining.Testing;

namespace Mining.Core.Tests;

/// <summary>The sample learnings of <c>docs/samples</c>, which the app's demo submits.</summary>
internal static class Samples
{
    public static IReadOnlyList<string> Paths { get; } =
        Directory.GetFiles(RepositoryFiles.PathOf("docs", "samples"), "*.json").Order(StringComparer.Ordinal).ToList();

    public static TheoryData<string> Names { get; } = new(Paths.Select(Path.GetFileName)!);

    public static byte[] Read(string name) => File.ReadAllBytes(RepositoryFiles.PathOf("docs", "samples", name));
}
