namespace Mining.Functions.Publishing;

/// <summary>The outcome names recorded for gateway checks (those of <see cref="Mining.Ipfs.Gateways.GatewayOutcome"/>).</summary>
internal static class GatewayOutcomes
{
    public const string Verified = nameof(Mining.Ipfs.Gateways.GatewayOutcome.Verified);
    public const string Tampered = nameof(Mining.Ipfs.Gateways.GatewayOutcome.Tampered);
    public const string Unavailable = nameof(Mining.Ipfs.Gateways.GatewayOutcome.Unavailable);
}
