namespace Mining.Infra.Tests;

[Collection(BicepCompilation.Name)]
public sealed class StorageAccountTests(CompiledTemplate template)
{
    private const string AccountType = "Microsoft.Storage/storageAccounts";

    [Fact]
    public void The_storage_account_refuses_shared_keys_and_anonymous_blob_access()
    {
        var account = template.Storage.Resource(AccountType);

        Assert.False(account.Property("allowSharedKeyAccess")!.GetValue<bool>());
        Assert.False(account.Property("allowBlobPublicAccess")!.GetValue<bool>());
        Assert.True(account.Property("defaultToOAuthAuthentication")!.GetValue<bool>());
    }

    [Fact]
    public void The_storage_account_takes_https_only_with_TLS_1_2_at_least()
    {
        var account = template.Storage.Resource(AccountType);

        Assert.True(account.Property("supportsHttpsTrafficOnly")!.GetValue<bool>());
        Assert.Equal("TLS1_2", account.Property("minimumTlsVersion")!.GetValue<string>());
    }

    [Fact]
    public void The_deployment_package_container_is_private()
    {
        var container = template.Storage.Resource("Microsoft.Storage/storageAccounts/blobServices/containers");

        Assert.Equal("None", container.Property("publicAccess")!.GetValue<string>());
    }

    [Fact]
    public void No_connection_string_with_an_account_key_appears_anywhere()
    {
        Assert.DoesNotContain("AccountKey", template.Json, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("listKeys", template.Json, StringComparison.OrdinalIgnoreCase);
    }
}
