using Mining.Ipfs.Multiformats;

namespace Mining.Ipfs.Gateways;

/// <summary>The verdict over all configured gateways for one CID.</summary>
/// <remarks>Only <see cref="GatewayOutcome.Verified"/> results count towards <see cref="Required"/>.</remarks>
public sealed record GatewayQuorumResult(Cid Cid, int Required, IReadOnlyList<GatewayVerification> Gateways)
{
    public int VerifiedCount => Gateways.Count(g => g.Outcome == GatewayOutcome.Verified);

    public bool QuorumReached => VerifiedCount >= Required;

    public bool AnyTampered => Gateways.Any(g => g.Outcome == GatewayOutcome.Tampered);

    /// <summary>One line per gateway that did not verify, or a confirmation.</summary>
    public string Summary => QuorumReached
        ? $"{Cid} verified on {VerifiedCount} of {Gateways.Count} gateways (quorum {Required})."
        : $"{Cid} verified on {VerifiedCount} of {Gateways.Count} gateways, quorum {Required} not reached: "
            + string.Join("; ", Gateways.Where(g => g.Outcome != GatewayOutcome.Verified).Select(g => $"{g.Gateway} {g.Outcome.ToString().ToLowerInvariant()}: {g.Reason}"));
}
