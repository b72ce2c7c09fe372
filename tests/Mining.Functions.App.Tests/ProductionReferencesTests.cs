using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;

namespace Mining.Functions.App.Tests;

public sealed class ProductionReferencesTests
{
    private static readonly string[] DevelopmentOnly = ["Mining.DevStack", "Mining.Functions.LocalHost"];

    [Fact]
    public void The_app_assembly_references_no_development_assembly()
    {
        using var stream = File.OpenRead(Path.Combine(AppBuildOutput.Directory, "Mining.Functions.App.dll"));
        using var pe = new PEReader(stream);
        var metadata = pe.GetMetadataReader();
        var references = metadata.AssemblyReferences.Select(r => metadata.GetString(metadata.GetAssemblyReference(r).Name)).ToList();

        Assert.Contains("Mining.Functions", references);
        Assert.Empty(references.Intersect(DevelopmentOnly));
    }

    [Fact]
    public void The_app_output_holds_no_development_assembly()
    {
        var deps = File.ReadAllText(Path.Combine(AppBuildOutput.Directory, "Mining.Functions.App.deps.json"));

        Assert.Contains("Mining.Functions.dll", deps, StringComparison.Ordinal);
        Assert.All(DevelopmentOnly, name => Assert.DoesNotContain(name + ".dll", deps, StringComparison.Ordinal));
        Assert.All(DevelopmentOnly, name => Assert.False(File.Exists(Path.Combine(AppBuildOutput.Directory, name + ".dll")), $"{name}.dll is in the app's output."));
    }
}
