using System.Text.RegularExpressions;
using Mining.Infra.Tests.Arm;

namespace Mining.Infra.Tests;

[Collection(BicepCompilation.Name)]
public sealed class FunctionAppTests(CompiledTemplate template)
{
    private ArmResource App => template.Functions.Resource("Microsoft.Web/sites");

    [Fact]
    public void The_app_runs_on_Flex_Consumption_with_the_isolated_worker_on_dotnet_10()
    {
        var plan = template.Functions.Resource("Microsoft.Web/serverfarms");

        Assert.Equal("FC1", plan.Json["sku"]!["name"]!.GetValue<string>());
        Assert.Equal("FlexConsumption", plan.Json["sku"]!["tier"]!.GetValue<string>());
        Assert.True(plan.Property("reserved")!.GetValue<bool>());
        Assert.Equal("functionapp,linux", App.Json["kind"]!.GetValue<string>());
        Assert.Equal("dotnet-isolated", App.Property("functionAppConfig.runtime.name")!.GetValue<string>());
        Assert.Equal("[parameters('dotnetVersion')]", App.Property("functionAppConfig.runtime.version")!.GetValue<string>());
        Assert.Equal("10.0", template.Main.Parameters["dotnetVersion"]!["defaultValue"]!.GetValue<string>());
    }

    [Fact]
    public void The_app_runs_as_the_one_user_assigned_identity()
    {
        var identity = App.Json["identity"]!;
        var assigned = identity["userAssignedIdentities"]!.AsObject();

        Assert.Equal("UserAssigned", identity["type"]!.GetValue<string>());
        var key = Assert.Single(assigned).Key;
        Assert.True(ArmExpressions.IsModuleOutput(template.Functions.ResolveString(UnwrapFormat(key)), "identity", "id"), key);
        Assert.True(ArmExpressions.IsModuleOutput(template.Functions.ResolveString(App.Properties["keyVaultReferenceIdentity"]), "identity", "id"));
        var deployment = App.Properties["functionAppConfig"]!["deployment"]!["storage"]!;
        Assert.Equal("UserAssignedIdentity", deployment["authentication"]!["type"]!.GetValue<string>());
        Assert.True(ArmExpressions.IsModuleOutput(
            template.Functions.ResolveString(deployment["authentication"]!["userAssignedIdentityResourceId"]), "identity", "id"));
    }

    [Fact]
    public void The_app_is_https_only_with_TLS_1_2_at_least()
    {
        Assert.True(App.Property("httpsOnly")!.GetValue<bool>());
        Assert.Equal("1.2", App.Property("siteConfig.minTlsVersion")!.GetValue<string>());
        Assert.Equal("1.2", App.Property("siteConfig.scmMinTlsVersion")!.GetValue<string>());
    }

    [Fact]
    public void FTP_and_basic_publishing_credentials_are_off()
    {
        var policies = template.Functions.Resources.Where(r => r.Type == "Microsoft.Web/sites/basicPublishingCredentialsPolicies").ToList();

        Assert.Equal("Disabled", App.Property("siteConfig.ftpsState")!.GetValue<string>());
        Assert.Equal(["ftp", "scm"], policies.Select(p => PolicyName(p)).Order(StringComparer.Ordinal));
        Assert.All(policies, p => Assert.False(p.Property("allow")!.GetValue<bool>()));
    }

    [Fact]
    public void The_host_and_the_task_hub_reach_storage_with_the_managed_identity()
    {
        var settings = new AppSettings(template);

        Assert.Equal("managedidentity", settings["AzureWebJobsStorage__credential"]);
        Assert.True(ArmExpressions.IsModuleOutput(settings["AzureWebJobsStorage__clientId"], "identity", "clientId"));
        Assert.True(ArmExpressions.IsModuleOutput(settings["AzureWebJobsStorage__blobServiceUri"], "storage", "blobEndpoint"));
        Assert.True(ArmExpressions.IsModuleOutput(settings["AzureWebJobsStorage__queueServiceUri"], "storage", "queueEndpoint"));
        Assert.True(ArmExpressions.IsModuleOutput(settings["AzureWebJobsStorage__tableServiceUri"], "storage", "tableEndpoint"));
        Assert.False(settings.Declares("AzureWebJobsStorage"), "A plain AzureWebJobsStorage setting is a connection string with a key.");
    }

    [Fact]
    public void Telemetry_goes_to_Application_Insights_with_Microsoft_Entra_authentication()
    {
        var settings = new AppSettings(template);
        var component = template.Monitoring.Resource("Microsoft.Insights/components");

        Assert.True(ArmExpressions.IsModuleOutput(settings["APPLICATIONINSIGHTS_CONNECTION_STRING"], "monitoring", "connectionString"));
        Assert.Matches(@"^\[format\('ClientId=\{0\};Authorization=AAD', parameters\('identityClientId'\)\)\]$", settings["APPLICATIONINSIGHTS_AUTHENTICATION_STRING"]);
        Assert.True(ArmExpressions.IsModuleOutput(settings["AZURE_CLIENT_ID"], "identity", "clientId"));
        Assert.True(component.Property("DisableLocalAuth")!.GetValue<bool>());
        Assert.Equal("[resourceId('Microsoft.OperationalInsights/workspaces', parameters('logAnalyticsName'))]", component.Property("WorkspaceResourceId")!.GetValue<string>());
    }

    [Theory]
    [InlineData("FUNCTIONS_WORKER_RUNTIME")]
    [InlineData("FUNCTIONS_EXTENSION_VERSION")]
    [InlineData("WEBSITE_RUN_FROM_PACKAGE")]
    [InlineData("WEBSITE_CONTENTAZUREFILECONNECTIONSTRING")]
    [InlineData("AzureWebJobsStorage")]
    public void Settings_that_Flex_Consumption_refuses_or_that_carry_keys_are_absent(string name)
    {
        Assert.False(new AppSettings(template).Declares(name));
    }

    [Fact]
    public void The_app_carries_the_tag_azd_deploys_the_api_service_to()
    {
        Assert.Equal("[union(parameters('tags'), createObject('azd-service-name', parameters('serviceName')))]", App.Json["tags"]!.GetValue<string>());
        Assert.Equal("api", template.Functions.ResolveString("[parameters('serviceName')]"));
    }

    private static string PolicyName(ArmResource policy) =>
        policy.Json["name"]!.GetValue<string>().Split(", ").Last().Trim('\'', ')', ']');

    /// <summary>A property name computed as <c>[format('{0}', x)]</c> is the expression <c>[x]</c>.</summary>
    private static string UnwrapFormat(string key) => Regex.Replace(key, @"^\[format\('\{0\}', (.+)\)\]$", "[$1]");
}
