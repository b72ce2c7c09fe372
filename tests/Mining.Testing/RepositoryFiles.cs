using Mining.DevStack;

namespace Mining.Testing;

/// <summary>Locates files of the repository (docs, samples, infra, sources) from the test output directory.</summary>
public static class RepositoryFiles
{
    /// <summary>The folder holding Mining.Functions.sln.</summary>
    public static string Root { get; } = DevStackOptions.RepositoryRoot();

    /// <summary>A path under the repository's root.</summary>
    public static string PathOf(params string[] parts) => Path.Combine([Root, .. parts]);
}
