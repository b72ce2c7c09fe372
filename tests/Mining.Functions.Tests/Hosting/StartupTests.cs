using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Mining.Functions.Hosting;
using Mining.Testing;

namespace Mining.Functions.Tests.Hosting;

[Collection("DevStack")]
public sealed class StartupTests
{
    [Fact]
    public async Task The_app_answers_healthz()
    {
        await using var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(b => b.UseEnvironment("Development"));
        using var client = factory.CreateClient();

        var response = await client.GetAsync(new Uri("/healthz", UriKind.Relative));

        response.EnsureSuccessStatusCode();
        Assert.Contains("alive", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public void Values_of_local_settings_become_configuration_with_double_underscore_as_section_separator()
    {
        var file = Path.GetTempFileName();
        File.WriteAllText(file, """{ "IsEncrypted": false, "Values": { "Chain__Confirmations": "12", "PublicBaseUrl": "http://x/" } }""");
        try
        {
            var values = FunctionsSettings.ReadValues(file);

            Assert.Equal("12", values["Chain:Confirmations"]);
            Assert.Equal("http://x/", values["PublicBaseUrl"]);
            Assert.Equal(2, values.Count);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Theory]
    [InlineData("Chain__Confirmations", "0", "Chain__Confirmations", "between 1 and 256")]
    [InlineData("Chain__RpcUrl", "not-a-url", "Chain__RpcUrl", "http://127.0.0.1:8545/")]
    [InlineData("Ipfs__GatewayQuorum", "1", "Ipfs__GatewayQuorum", "never trusted")]
    [InlineData("Chain__ChainId", "abc", "Chain:ChainId", "abc")]
    public async Task A_wrong_setting_stops_the_app_with_a_message_naming_it(string key, string value, string named, string hint)
    {
        var (exitCode, message) = await RunInProductionAsync(new() { ["KeyProvider__Kind"] = "Environment", [key] = value });

        Assert.Equal(1, exitCode);
        Assert.Contains(named, message, StringComparison.Ordinal);
        Assert.Contains(hint, message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Outside_development_a_missing_key_provider_stops_the_app_with_the_kinds_it_may_be()
    {
        var (exitCode, message) = await RunInProductionAsync([]);

        Assert.Equal(1, exitCode);
        Assert.Contains("KeyProvider__Kind", message, StringComparison.Ordinal);
        Assert.Contains("Keystore, KeyVault, Environment", message, StringComparison.Ordinal);
    }

    /// <summary>Runs the local host in Production with <paramref name="settings"/> until it stops; returns its exit code and output.</summary>
    private static async Task<(int ExitCode, string Output)> RunInProductionAsync(Dictionary<string, string> settings)
    {
        await using var host = LocalHostProcess.Start(new Dictionary<string, string>(settings) { ["ASPNETCORE_ENVIRONMENT"] = "Production" }, "production");
        return (await host.WaitForExitAsync(TimeSpan.FromSeconds(60)), host.Output);
    }
}
