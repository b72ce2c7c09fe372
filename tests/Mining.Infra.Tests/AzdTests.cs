using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Mining.Testing;

namespace Mining.Infra.Tests;

[Collection(BicepCompilation.Name)]
public sealed partial class AzdTests(CompiledTemplate template)
{
    private static readonly string[] AzureYaml = File.ReadAllLines(RepositoryFiles.PathOf("azure.yaml"));

    private static JsonObject ParametersFile =>
        JsonNode.Parse(File.ReadAllText(RepositoryFiles.PathOf("infra", "azure", "main.parameters.json")))!["parameters"]!.AsObject();

    [Fact]
    public void Azure_yaml_deploys_the_isolated_Functions_app_project_as_the_api_service()
    {
        var service = Section(AzureYaml, "services:").ToList();

        Assert.Equal("api:", service[0].Trim());
        Assert.Contains("project: ./src/Mining.Functions.App", service.Select(l => l.Trim()));
        Assert.Contains("language: dotnet", service.Select(l => l.Trim()));
        Assert.Contains("host: function", service.Select(l => l.Trim()));
        Assert.Equal("api", template.Functions.ResolveString("[parameters('serviceName')]"));
    }

    [Fact]
    public void Azure_yaml_provisions_infra_azure_main_bicep()
    {
        var infra = Section(AzureYaml, "infra:").Select(l => l.Trim()).ToList();

        Assert.Contains("provider: bicep", infra);
        Assert.Contains("path: infra/azure", infra);
        Assert.Contains("module: main", infra);
    }

    [Fact]
    public void The_parameters_file_supplies_every_required_parameter_and_names_no_unknown_one()
    {
        var declared = template.Main.Parameters;
        var required = declared.Where(p => p.Value!["defaultValue"] is null).Select(p => p.Key);
        var supplied = ParametersFile.Select(p => p.Key).ToList();

        Assert.Empty(required.Except(supplied));
        Assert.Empty(supplied.Except(declared.Select(p => p.Key)));
    }

    [Fact]
    public void The_parameters_file_takes_secrets_from_the_azd_environment_never_as_values()
    {
        var secure = template.Main.Parameters.Where(p => p.Value!["type"]!.GetValue<string>() == "securestring").Select(p => p.Key).ToList();

        Assert.NotEmpty(secure);
        Assert.All(secure, name => Assert.Matches(EnvironmentReference(), ParametersFile[name]?["value"]?.GetValue<string>() ?? $"<{name} missing>"));
    }

    /// <summary>The indented lines under a top-level key of a YAML file.</summary>
    private static IEnumerable<string> Section(string[] lines, string key) =>
        lines.SkipWhile(l => l != key).Skip(1).TakeWhile(l => l.Length == 0 || char.IsWhiteSpace(l[0])).Where(l => l.Trim().Length > 0 && !l.TrimStart().StartsWith('#'));

    [GeneratedRegex(@"^\$\{[A-Z][A-Z0-9_]*\}$")]
    private static partial Regex EnvironmentReference();
}
