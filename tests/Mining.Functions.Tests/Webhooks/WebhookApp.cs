using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Mining.Functions.Tests.Publishing;
using Mining.Functions.Webhooks;

namespace Mining.Functions.Tests.Webhooks;

/// <summary>
/// The app on the local stack with the two webhook test seams: a <see cref="WebhookTestAllowance"/> for the tests'
/// receivers' loopback ports, and a <see cref="ScriptedResolver"/> for names. A 2-second delivery time limit.
/// </summary>
public sealed class WebhookApp : LocalStackApp
{
    internal WebhookTestAllowance Allowance { get; } = new();

    internal ScriptedResolver Resolver { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Webhooks:TimeLimit", "00:00:02");
        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton(Allowance);
            services.AddSingleton<IWebhookResolver>(Resolver);
        });
    }
}
