using Mining.Infra.Tests.Arm;

namespace Mining.Infra.Tests;

[Collection(BicepCompilation.Name)]
public sealed class RoleAssignmentTests(CompiledTemplate template)
{
    private const string StorageBlobDataOwner = "b7e6dc6d-f1e8-4753-8033-0f276bb0955b";
    private const string StorageQueueDataContributor = "974c5e8b-45b9-4653-ba55-5f855dd0fb88";
    private const string StorageTableDataContributor = "0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3";
    private const string KeyVaultSecretsUser = "4633458b-17de-408a-b874-0445c86b69e6";
    private const string KeyVaultSecretsOfficer = "b86a8fe4-44ce-4948-aee5-eccb2c155cd7";
    private const string MonitoringMetricsPublisher = "3913510d-42f4-4e42-8a64-420c390055eb";

    private sealed record Grant(string Module, string Role, string Scope, string? Principal, string PrincipalType, bool Conditional);

    private List<Grant> Grants() => template.Main.SelfAndModules
        .SelectMany(d => d.Resources.Where(r => r.Type == "Microsoft.Authorization/roleAssignments"))
        .SelectMany(r => ArmExpressions.RoleDefinitionIds(r).Select(role => new Grant(
            r.Deployment.Name,
            role,
            r.Json["scope"]!.GetValue<string>(),
            r.Deployment.ResolveString(r.Properties["principalId"]),
            r.Properties["principalType"]!.GetValue<string>(),
            r.Json["condition"] is not null)))
        .ToList();

    private List<Grant> AppGrants() =>
        Grants().Where(g => ArmExpressions.IsModuleOutput(g.Principal, "identity", "principalId")).ToList();

    [Fact]
    public void The_app_identity_holds_the_storage_data_roles_Durable_Functions_needs_on_its_account()
    {
        var onStorage = AppGrants().Where(g => g.Scope == "[resourceId('Microsoft.Storage/storageAccounts', parameters('name'))]").ToList();

        Assert.Equal(
            new[] { StorageBlobDataOwner, StorageQueueDataContributor, StorageTableDataContributor }.Order(StringComparer.Ordinal),
            onStorage.Select(g => g.Role).Order(StringComparer.Ordinal));
        Assert.All(onStorage, g => Assert.Equal("storage", g.Module));
    }

    [Fact]
    public void The_app_identity_reads_Key_Vault_secrets_and_may_not_write_them()
    {
        var onVault = AppGrants().Where(g => g.Module == "keyvault").ToList();

        var grant = Assert.Single(onVault);
        Assert.Equal(KeyVaultSecretsUser, grant.Role);
        Assert.Equal("[resourceId('Microsoft.KeyVault/vaults', parameters('name'))]", grant.Scope);
    }

    [Fact]
    public void The_app_identity_publishes_telemetry_as_Monitoring_Metrics_Publisher()
    {
        var grant = Assert.Single(AppGrants(), g => g.Module == "monitoring");

        Assert.Equal(MonitoringMetricsPublisher, grant.Role);
        Assert.Equal("[resourceId('Microsoft.Insights/components', parameters('applicationInsightsName'))]", grant.Scope);
    }

    [Fact]
    public void The_app_identity_holds_exactly_its_data_roles_and_every_grant_is_unconditional()
    {
        var grants = AppGrants();

        Assert.Equal(
            new[] { StorageBlobDataOwner, StorageQueueDataContributor, StorageTableDataContributor, KeyVaultSecretsUser, MonitoringMetricsPublisher }
                .Order(StringComparer.Ordinal),
            grants.Select(g => g.Role).Order(StringComparer.Ordinal));
        Assert.All(grants, g => Assert.Equal("ServicePrincipal", g.PrincipalType));
        Assert.All(grants, g => Assert.False(g.Conditional));
    }

    [Fact]
    public void Only_the_named_deployer_may_write_secrets()
    {
        var others = Grants().Except(AppGrants()).ToList();

        var grant = Assert.Single(others);
        Assert.Equal(KeyVaultSecretsOfficer, grant.Role);
        Assert.Equal("keyvault", grant.Module);
        Assert.True(grant.Conditional);
        Assert.Equal("[parameters('principalId')]", grant.Principal);
    }
}
