using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Mining.Functions.Contributors;
using Mining.Functions.Credentials;
using Mining.Functions.Options;
using Mining.Functions.Webhooks;

// In the framework's namespace, as AddXxx extensions are, so the host's Program calls them without a using of its own.
namespace Microsoft.Extensions.DependencyInjection;

/// <summary>
/// Wires what contributors control that reaches outside or grants access: the webhook policy, the connect-time-checked
/// webhook client, signing secrets, API key rotation and revocation, and the audit trail.
/// </summary>
internal static class ContributorSecurity
{
    public static IServiceCollection AddContributorSecurity(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<WebhookOptions>(configuration.GetSection("Webhooks"));
        services.TryAddSingleton<IWebhookResolver, DnsWebhookResolver>();
        services.TryAddSingleton<WebhookUrlPolicy>();
        services.TryAddSingleton<WebhookSigningSecrets>();
        services.TryAddSingleton<WebhookDelivery>();
        services.TryAddSingleton<SecurityTables>();
        services.TryAddSingleton<AuditTrail>();
        services.TryAddSingleton<ContributorKeys>();
        services.AddHttpClient(WebhookDelivery.ClientName, (sp, client) => client.Timeout = sp.GetRequiredService<IOptions<WebhookOptions>>().Value.TimeLimit * 2)
            .ConfigurePrimaryHttpMessageHandler(sp => WebhookHttpHandler.Create(sp.GetRequiredService<WebhookUrlPolicy>(), sp.GetRequiredService<IWebhookResolver>()))
            .RemoveAllLoggers();
        return services;
    }

    /// <summary>Maps the contributor's key and audit endpoints (the webhook secret is under the controls, operator revocation under the operator's).</summary>
    public static void MapContributorSecurityApi(this IEndpointRouteBuilder app) => app.MapKeysApi();
}
