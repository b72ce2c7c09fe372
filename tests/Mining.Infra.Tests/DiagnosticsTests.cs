using System.Text.Json.Nodes;
using Mining.Testing;

namespace Mining.Infra.Tests;

[Collection(BicepCompilation.Name)]
public sealed class DiagnosticsTests(CompiledTemplate template)
{
    [Fact]
    public void Main_bicep_compiles_without_a_warning_or_a_linter_finding()
    {
        Assert.Equal(string.Empty, template.Diagnostics);
    }

    [Theory]
    [InlineData("secure-parameter-default")]
    [InlineData("secure-secrets-in-params")]
    [InlineData("outputs-should-not-contain-secrets")]
    [InlineData("use-secure-value-for-secure-inputs")]
    [InlineData("secure-params-in-nested-deploy")]
    [InlineData("no-hardcoded-env-urls")]
    [InlineData("no-unused-params")]
    public void The_linter_rules_that_guard_secrets_and_drift_fail_the_build(string rule)
    {
        var config = JsonNode.Parse(File.ReadAllText(RepositoryFiles.PathOf("infra", "azure", "bicepconfig.json")))!;

        Assert.True(config["analyzers"]!["core"]!["enabled"]!.GetValue<bool>());
        Assert.Equal("error", config["analyzers"]!["core"]!["rules"]![rule]?["level"]?.GetValue<string>());
    }
}
