using System.Text.Json.Nodes;
using Mining.Ethereum.Signing;
using Mining.Infra.Tests.Arm;

namespace Mining.Infra.Tests;

[Collection(BicepCompilation.Name)]
public sealed class SecretTests(CompiledTemplate template)
{
    private const string KeyVaultReference = "[format('@Microsoft.KeyVault(SecretUri={0}secrets/{1}/)', parameters('keyVaultUri'), parameters('secretNames').";

    [Theory]
    [InlineData("Chain__RpcUrl", "chainRpcUrl")]
    [InlineData("Approval__SigningKey", "approvalSigningKey")]
    [InlineData("Operator__ApiKey", "operatorApiKey")]
    public void Secret_settings_are_Key_Vault_references_to_the_vault_the_deployment_creates(string setting, string secret)
    {
        var settings = new AppSettings(template);

        Assert.Equal($"{KeyVaultReference}{secret})]", settings[setting]);
        Assert.True(ArmExpressions.IsModuleOutput(template.Functions.ResolveString("[parameters('keyVaultUri')]"), "keyvault", "uri"));
    }

    [Theory]
    [InlineData("Operator__WebhookUrl")]
    [InlineData("Ipfs__PinningServices__0__Token")]
    public void Optional_secret_settings_are_Key_Vault_references_too(string setting)
    {
        var text = new AppSettings(template).Text;
        var key = $"'{AppSettings.GeneratedName(setting)}'";
        var at = text.IndexOf(key, StringComparison.Ordinal);

        Assert.True(at >= 0, $"No app setting {setting}.");
        Assert.Matches(@"^(, lambdaVariables\('\w+'\)\))?, format\('@Microsoft\.KeyVault\(SecretUri=\{0\}secrets/", text[(at + key.Length)..]);
    }

    [Theory]
    [InlineData("chainRpcUrl")]
    [InlineData("approvalSigningKey")]
    [InlineData("operatorApiKey")]
    [InlineData("operatorWebhookUrl")]
    public void Secret_parameters_are_secure_and_have_no_default_value(string name)
    {
        var parameter = template.Main.Parameters[name]!;

        Assert.Equal("securestring", parameter["type"]!.GetValue<string>());
        Assert.True(parameter["defaultValue"] is null || parameter["defaultValue"]!.GetValue<string>().Length == 0, $"{name} has a default value.");
    }

    [Fact]
    public void No_secure_parameter_anywhere_has_a_default_value()
    {
        var secure = template.Main.SelfAndModules
            .SelectMany(d => d.Parameters.Select(p => (Deployment: d.Name, Name: p.Key, Parameter: p.Value!)))
            .Where(p => p.Parameter["type"]!.GetValue<string>() is "securestring" or "secureObject")
            .ToList();

        Assert.NotEmpty(secure);
        Assert.All(secure, p => Assert.True(
            p.Parameter["defaultValue"] is null || p.Parameter["defaultValue"]!.ToJsonString() is "\"\"" or "{}",
            $"{p.Deployment}.{p.Name} has a default value."));
    }

    [Fact]
    public void The_function_app_receives_no_secret_value_at_all()
    {
        var secure = template.Functions.Parameters.Where(p => p.Value!["type"]!.GetValue<string>().StartsWith("secure", StringComparison.Ordinal));

        Assert.Empty(secure);
    }

    [Fact]
    public void The_secrets_the_vault_stores_are_the_ones_the_settings_reference()
    {
        var vault = template.KeyVault;
        var written = vault.Resources.Where(r => r.Type == "Microsoft.KeyVault/vaults/secrets")
            .Select(r => (Name: SecretName(vault, r), Value: r.Properties["value"]!.GetValue<string>()))
            .ToList();
        var names = template.Main.Variables["secretNames"]!.AsObject();

        Assert.Equal(
            new[] { "approval-signing-key", "chain-rpc-url", "operator-api-key", "operator-webhook-url" },
            written.Select(w => w.Name).Order(StringComparer.Ordinal));
        Assert.All(written, w => Assert.Matches(@"^\[parameters\('\w+'\)\]$", w.Value));
        Assert.All(written, w => Assert.Equal("securestring", vault.Parameters[w.Value[13..^3]]!["type"]!.GetValue<string>()));
        Assert.Equal("chain-rpc-url", names["chainRpcUrl"]!.GetValue<string>());
        Assert.Equal("approval-signing-key", names["approvalSigningKey"]!.GetValue<string>());
        Assert.Equal("operator-api-key", names["operatorApiKey"]!.GetValue<string>());
    }

    [Fact]
    public void The_operator_key_is_read_from_the_secrets_the_Key_Vault_key_provider_expects()
    {
        var settings = new AppSettings(template);
        var defaults = new KeyProviderSettings();

        Assert.Equal("KeyVault", settings["KeyProvider__Kind"]);
        Assert.Equal(defaults.KeystoreSecretName, settings["KeyProvider__KeystoreSecretName"]);
        Assert.Equal(defaults.PassphraseSecretName, settings["KeyProvider__PassphraseSecretName"]);
        Assert.True(ArmExpressions.IsModuleOutput(settings["KeyProvider__KeyVaultUri"], "keyvault", "uri"));
        Assert.True(ArmExpressions.IsModuleOutput(settings["KeyProvider__ManagedIdentityClientId"], "identity", "clientId"));
    }

    private static string SecretName(ArmDeployment vault, ArmResource secret)
    {
        var name = secret.Json["name"]!.GetValue<string>();
        var last = name[(name.LastIndexOf(", ", StringComparison.Ordinal) + 2)..^2];
        return vault.ResolveString(JsonValue.Create($"[{last}]"))!;
    }
}
