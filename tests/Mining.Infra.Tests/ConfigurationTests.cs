using System.Text.Json.Nodes;
using Mining.Testing;

namespace Mining.Infra.Tests;

[Collection(BicepCompilation.Name)]
public sealed class ConfigurationTests(CompiledTemplate template)
{
    /// <summary>Sample settings that have no place in Azure: the dev stack, the worker runtime (Flex sets it) and the keyed storage connection.</summary>
    private static readonly string[] LocalOnly = ["FUNCTIONS_WORKER_RUNTIME", "AzureWebJobsStorage", "DevStack__AnvilBlockTimeSeconds"];

    public static TheoryData<string> SampleSettings { get; } = new(
        JsonNode.Parse(File.ReadAllText(RepositoryFiles.PathOf("local.settings.sample.json")))!["Values"]!.AsObject()
            .Select(p => p.Key).Except(LocalOnly));

    [Theory]
    [MemberData(nameof(SampleSettings))]
    public void Every_setting_the_sample_configures_has_an_app_setting_in_Azure(string name)
    {
        Assert.True(new AppSettings(template).Declares(name), $"The Function App sets no {name}.");
    }

    [Theory]
    [InlineData("Ipfs__PinningServices__0__Name")]
    [InlineData("Ipfs__PinningServices__0__Url")]
    [InlineData("Operator__Email")]
    [InlineData("Operator__WebhookUrl")]
    [InlineData("Operator__ApiKey")]
    [InlineData("Approval__SigningKey")]
    [InlineData("PublicBaseUrl")]
    [InlineData("Smtp__UseTls")]
    public void The_Azure_only_settings_are_set_too(string name)
    {
        Assert.True(new AppSettings(template).Declares(name), $"The Function App sets no {name}.");
    }

    [Fact]
    public void The_chain_settings_come_from_the_deployment_parameters()
    {
        var settings = new AppSettings(template);

        Assert.Equal("[string(parameters('chainId'))]", settings["Chain__ChainId"]);
        Assert.Equal("[string(parameters('confirmations'))]", settings["Chain__Confirmations"]);
        Assert.Equal("false", settings["DevStack__Enabled"]);
    }
}
