using System.Globalization;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;

namespace Mining.Functions.Tests.Publishing;

/// <summary>
/// The app on the local stack but anchoring on another chain (a private anvil, possibly behind a fault proxy), with its
/// own task hub, a short batch window, fast polls and a small retry budget. Settings passed in override these.
/// </summary>
public sealed class ChainFaultsApp(Uri rpcUrl, long chainId, IReadOnlyDictionary<string, string?>? overrides = null) : LocalStackApp
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        var settings = new Dictionary<string, string?>
        {
            ["Chain:RpcUrl"] = rpcUrl.ToString(),
            ["Chain:ChainId"] = chainId.ToString(CultureInfo.InvariantCulture),
            ["extensions:durableTask:hubName"] = "chainfaults" + Guid.NewGuid().ToString("N")[..12],
            ["Publishing:BatchWindow"] = "00:00:01",
            ["Publishing:ConfirmationPollInterval"] = "00:00:01",
            ["Publishing:RetryMaxAttempts"] = "6",
            ["Publishing:RetryFirstInterval"] = "00:00:01",
            ["Publishing:RetryMaxInterval"] = "00:00:10",
        };
        foreach (var (key, value) in overrides ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        // Applied last, so it wins over the dev stack's chain settings that Program adds.
        builder.ConfigureAppConfiguration((_, configuration) => configuration.AddInMemoryCollection(settings));
    }
}
