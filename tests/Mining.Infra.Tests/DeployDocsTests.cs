using System.Text.RegularExpressions;
using Mining.Ethereum.Signing;
using Mining.Testing;

namespace Mining.Infra.Tests;

/// <summary>docs/deploy.md stays true to the parameters file and to the app's Key Vault key provider.</summary>
public sealed partial class DeployDocsTests
{
    private static readonly string Docs = File.ReadAllText(RepositoryFiles.PathOf("docs", "deploy.md"));

    public static TheoryData<string> EnvironmentVariables { get; } = new(
        EnvironmentReference().Matches(File.ReadAllText(RepositoryFiles.PathOf("infra", "azure", "main.parameters.json")))
            .Select(m => m.Groups["name"].Value)
            .Where(name => !name.StartsWith("AZURE_", StringComparison.Ordinal))
            .Distinct());

    [Theory]
    [MemberData(nameof(EnvironmentVariables))]
    public void Every_setting_of_the_parameters_file_is_documented_for_azd_env_set(string name)
    {
        Assert.Contains($"`{name}`", Docs, StringComparison.Ordinal);
    }

    [Fact]
    public void The_docs_store_the_operator_key_under_the_secret_names_the_app_reads()
    {
        var defaults = new KeyProviderSettings();

        Assert.Contains($"--name {defaults.KeystoreSecretName} ", Docs, StringComparison.Ordinal);
        Assert.Contains($"--name {defaults.PassphraseSecretName} ", Docs, StringComparison.Ordinal);
    }

    [GeneratedRegex(@"\$\{(?<name>[A-Z][A-Z0-9_]*)(=[^}]*)?\}")]
    private static partial Regex EnvironmentReference();
}
