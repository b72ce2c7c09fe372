namespace Mining.Infra.Tests;

[Collection(BicepCompilation.Name)]
public sealed class KeyVaultTests(CompiledTemplate template)
{
    [Fact]
    public void Key_Vault_authorizes_with_Azure_RBAC_and_keeps_deleted_secrets_recoverable()
    {
        var vault = template.KeyVault.Resource("Microsoft.KeyVault/vaults");

        Assert.True(vault.Property("enableRbacAuthorization")!.GetValue<bool>());
        Assert.True(vault.Property("enableSoftDelete")!.GetValue<bool>());
        Assert.True(vault.Property("enablePurgeProtection")!.GetValue<bool>());
        Assert.Null(vault.Properties["accessPolicies"]);
        Assert.InRange(template.Main.Parameters["keyVaultSoftDeleteRetentionInDays"]!["defaultValue"]!.GetValue<int>(), 7, 90);
        Assert.Equal("[parameters('softDeleteRetentionInDays')]", vault.Properties["softDeleteRetentionInDays"]!.GetValue<string>());
    }

    [Fact]
    public void Key_Vault_lends_itself_to_no_other_service()
    {
        var vault = template.KeyVault.Resource("Microsoft.KeyVault/vaults");

        Assert.False(vault.Property("enabledForDeployment")!.GetValue<bool>());
        Assert.False(vault.Property("enabledForTemplateDeployment")!.GetValue<bool>());
        Assert.False(vault.Property("enabledForDiskEncryption")!.GetValue<bool>());
    }
}
