using System.Reflection;
using System.Text.Json;

namespace Mining.Functions.App.Tests;

/// <summary>The Functions app's build output for this test run's configuration, and the repository's README.</summary>
internal static class AppBuildOutput
{
    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    public static string Directory { get; } = Path.Combine(
        RepositoryRoot, "src", "Mining.Functions.App", "bin",
        typeof(AppBuildOutput).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()!.Configuration, "net10.0");

    public static IReadOnlyList<FunctionEntry> Functions { get; } = ReadFunctions();

    public static string ReadmeText => File.ReadAllText(Path.Combine(RepositoryRoot, "README.md"));

    private static IReadOnlyList<FunctionEntry> ReadFunctions()
    {
        var path = Path.Combine(Directory, "functions.metadata");
        Assert.True(File.Exists(path), $"The Functions app's build did not write {path}; build src/Mining.Functions.App first.");
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        return [.. document.RootElement.EnumerateArray().Select(f => new FunctionEntry(
            f.GetProperty("name").GetString()!,
            [.. f.GetProperty("bindings").EnumerateArray().Select(b => new BindingEntry(
                b.GetProperty("type").GetString()!,
                b.TryGetProperty("route", out var route) ? route.GetString() : null,
                b.TryGetProperty("methods", out var methods) ? [.. methods.EnumerateArray().Select(m => m.GetString()!.ToUpperInvariant())] : [],
                b.TryGetProperty("schedule", out var schedule) ? schedule.GetString() : null,
                b.TryGetProperty("runOnStartup", out var startup) && startup.GetBoolean()))]))];
    }

    private static string FindRepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Mining.Functions.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No Mining.Functions.sln above {AppContext.BaseDirectory}: run the tests from the repository.");
    }
}

internal sealed record FunctionEntry(string Name, IReadOnlyList<BindingEntry> Bindings)
{
    public BindingEntry? Trigger(string type) => Bindings.FirstOrDefault(b => b.Type == type);
}

internal sealed record BindingEntry(string Type, string? Route, IReadOnlyList<string> Methods, string? Schedule, bool RunOnStartup);
