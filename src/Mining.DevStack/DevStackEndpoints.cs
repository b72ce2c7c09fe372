namespace Mining.DevStack;

/// <summary>Where the running local stack's components listen. Written to the state file; read by the app and tests.</summary>
public sealed record DevStackEndpoints
{
    /// <summary>Azurite's well-known development account key (public; documented by Microsoft, not a secret).</summary>
    public const string AzuriteAccountKey =
        "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    public required string AzuriteConnectionString { get; init; }
    public required Uri BlobEndpoint { get; init; }
    public required Uri QueueEndpoint { get; init; }
    public required Uri TableEndpoint { get; init; }
    public required Uri AnvilRpcUrl { get; init; }
    public required long ChainId { get; init; }
    public required string SmtpHost { get; init; }
    public required int SmtpPort { get; init; }
    public required Uri MailDevApiUrl { get; init; }
    public IReadOnlyList<IpfsNodeEndpoints> IpfsNodes { get; init; } = [];
}

/// <summary>One local IPFS node: its Kubo RPC API, trustless gateway and Pinning Service API.</summary>
public sealed record IpfsNodeEndpoints(string Name, Uri RpcUrl, Uri GatewayUrl, Uri PinningUrl, string PinningToken);
