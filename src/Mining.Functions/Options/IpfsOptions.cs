namespace Mining.Functions.Options;

/// <summary>Pin targets and verification gateways (section <c>Ipfs</c>).</summary>
internal sealed class IpfsOptions : IValidatedOptions
{
    public List<IpfsNodeOptions> Nodes { get; set; } = [];
    public List<Uri> Gateways { get; set; } = [];
    public List<PinningServiceSettings> PinningServices { get; set; } = [];
    public int GatewayQuorum { get; set; } = 2;

    /// <summary>How long one request to a gateway may take before it counts as unavailable.</summary>
    public TimeSpan GatewayAttemptTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Retries of a gateway request within one verification (the activity's own retries come on top).</summary>
    public int GatewayRetries { get; set; } = 2;

    public IEnumerable<string> Validate()
    {
        if (Nodes.Count == 0)
        {
            yield return $"{ValidatedOptionsExtensions.Setting("Ipfs:Nodes:0:RpcUrl")} must name at least one IPFS node's Kubo RPC URL, e.g. http://127.0.0.1:5001/.";
        }

        for (var i = 0; i < Nodes.Count; i++)
        {
            if (!ValidatedOptionsExtensions.IsHttpUrl(Nodes[i].RpcUrl))
            {
                yield return $"{ValidatedOptionsExtensions.Setting($"Ipfs:Nodes:{i}:RpcUrl")} must be an http(s) URL such as http://127.0.0.1:5001/.";
            }
        }

        for (var i = 0; i < PinningServices.Count; i++)
        {
            if (!ValidatedOptionsExtensions.IsHttpUrl(PinningServices[i].Url) || string.IsNullOrWhiteSpace(PinningServices[i].Token))
            {
                yield return $"{ValidatedOptionsExtensions.Setting($"Ipfs:PinningServices:{i}:Url")} must be the provider's Pinning Service API URL "
                    + $"(e.g. https://api.pinata.cloud/psa) and {ValidatedOptionsExtensions.Setting($"Ipfs:PinningServices:{i}:Token")} its access token.";
            }
        }

        for (var i = 0; i < Gateways.Count; i++)
        {
            if (!ValidatedOptionsExtensions.IsHttpUrl(Gateways[i]))
            {
                yield return $"{ValidatedOptionsExtensions.Setting($"Ipfs:Gateways:{i}")} must be an http(s) gateway URL such as http://127.0.0.1:8080/.";
            }
        }

        if (GatewayAttemptTimeout <= TimeSpan.Zero || GatewayRetries is < 0 or > 10)
        {
            yield return $"{ValidatedOptionsExtensions.Setting("Ipfs:GatewayAttemptTimeout")} must be a positive time span such as 00:00:30 "
                + $"and {ValidatedOptionsExtensions.Setting("Ipfs:GatewayRetries")} between 0 and 10.";
        }

        if (GatewayQuorum < 2)
        {
            yield return $"{ValidatedOptionsExtensions.Setting("Ipfs:GatewayQuorum")} must be at least 2: one gateway alone is never trusted.";
        }
        else if (Gateways.Count < GatewayQuorum)
        {
            yield return $"{ValidatedOptionsExtensions.Setting("Ipfs:Gateways")} lists {Gateways.Count} gateway(s) but "
                + $"{ValidatedOptionsExtensions.Setting("Ipfs:GatewayQuorum")} needs {GatewayQuorum}: add Ipfs__Gateways__{Gateways.Count}.";
        }
    }
}

/// <summary>One IPFS node reached over the Kubo RPC API.</summary>
internal sealed class IpfsNodeOptions
{
    public string Name { get; set; } = "node";
    public Uri? RpcUrl { get; set; }
}

/// <summary>One IPFS Pinning Service API provider.</summary>
internal sealed class PinningServiceSettings
{
    public string Name { get; set; } = "provider";
    public Uri? Url { get; set; }
    public string? Token { get; set; }
}
