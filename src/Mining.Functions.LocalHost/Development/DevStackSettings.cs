using System.Globalization;
using Mining.DevStack;

namespace Mining.Functions.LocalHost.Development;

/// <summary>
/// In the Development environment (unless <c>DevStack__Enabled</c> is false) starts or reuses the local stack and
/// points storage, chain, IPFS and SMTP settings at it, so <c>dotnet run</c> works on a fresh machine.
/// </summary>
internal static class DevStackSettings
{
    public static async Task<DevStackEndpoints?> UseDevStackAsync(this WebApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        if (!builder.Environment.IsDevelopment() || !configuration.GetValue("DevStack:Enabled", true))
        {
            return null;
        }

        var blockTime = configuration["DevStack:AnvilBlockTimeSeconds"];
        var options = DevStackOptions.ForRepository(builder.Environment.ContentRootPath);
        if (!string.IsNullOrWhiteSpace(blockTime))
        {
            var seconds = int.Parse(blockTime, CultureInfo.InvariantCulture);
            options = options with { AnvilBlockTimeSeconds = seconds > 0 ? seconds : null };
        }

        var result = await new DevStackManager(options).UpAsync(Console.Out);
        Console.WriteLine(result.Reused
            ? $"Dev stack: reused the running stack ({result.Elapsed.TotalMilliseconds:0} ms); stop it with 'dotnet run --project src/Mining.DevStack -- down'."
            : $"Dev stack: started {string.Join(", ", result.Started)} in {result.Elapsed.TotalSeconds:0.0} s.");
        var endpoints = result.Endpoints;
        var values = new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage"] = endpoints.AzuriteConnectionString,
            ["Chain:RpcUrl"] = endpoints.AnvilRpcUrl.ToString(),
            ["Chain:ChainId"] = endpoints.ChainId.ToString(CultureInfo.InvariantCulture),
            ["Smtp:Host"] = endpoints.SmtpHost,
            ["Smtp:Port"] = endpoints.SmtpPort.ToString(CultureInfo.InvariantCulture),
        };

        // Anvil mines a block every few seconds at most: unless configured, an anchor is checked twice a block, so its last
        // confirmation is seen within half a block (the 2 s default suits a testnet's 12 s blocks).
        if (string.IsNullOrWhiteSpace(configuration["Publishing:ConfirmationPollInterval"]) && options.AnvilBlockTimeSeconds is { } interval)
        {
            values["Publishing:ConfirmationPollInterval"] = TimeSpan.FromSeconds(interval / 2.0).ToString("c", CultureInfo.InvariantCulture);
        }

        // The operator key is a development keystore funded from anvil unless another provider is configured.
        if (string.IsNullOrWhiteSpace(configuration["KeyProvider:Kind"]))
        {
            values["KeyProvider:Kind"] = DevStackOperatorKey.KindName;
        }

        // Operator alerts go to the maildev inbox unless an operator address is configured.
        if (string.IsNullOrWhiteSpace(configuration["Operator:Email"]))
        {
            values["Operator:Email"] = "operator@mining.local";
        }

        for (var i = 0; i < endpoints.IpfsNodes.Count; i++)
        {
            var node = endpoints.IpfsNodes[i];
            values[$"Ipfs:Gateways:{i}"] = node.GatewayUrl.ToString();
        }

        // Node A is pinned over the Kubo RPC API; node B acts as a Pinning Service API provider; both gateways verify.
        if (endpoints.IpfsNodes.Count > 0)
        {
            values["Ipfs:Nodes:0:Name"] = endpoints.IpfsNodes[0].Name;
            values["Ipfs:Nodes:0:RpcUrl"] = endpoints.IpfsNodes[0].RpcUrl.ToString();
        }

        if (endpoints.IpfsNodes.Count > 1)
        {
            values["Ipfs:PinningServices:0:Name"] = endpoints.IpfsNodes[1].Name;
            values["Ipfs:PinningServices:0:Url"] = endpoints.IpfsNodes[1].PinningUrl.ToString();
            values["Ipfs:PinningServices:0:Token"] = endpoints.IpfsNodes[1].PinningToken;
        }

        configuration.AddInMemoryCollection(values);
        return endpoints;
    }
}
