using Mining.Ethereum;
using Mining.Ipfs.Multiformats;

namespace Mining.Functions.Learnings;

/// <summary>What the service knows about one learning; the body of <c>GET /api/learnings/{id}</c>.</summary>
public sealed record LearningRecord
{
    public required string Id { get; init; }
    public required string ContributorId { get; init; }
    public required Cid Cid { get; init; }
    public required string Title { get; init; }
    public required string InputDigest { get; init; }
    public required LearningStatus Status { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; init; }
    public int DocumentBytes { get; init; }
    public DateTimeOffset? ApprovalExpiresAt { get; init; }

    /// <summary>When the approval request went out on the contributor's channel; null until then.</summary>
    public DateTimeOffset? NotifiedAt { get; init; }

    /// <summary>How the approval request's webhook delivery went; null unless the channel was <c>webhook</c>.</summary>
    public WebhookDeliveryInfo? Webhook { get; init; }
    public string? Reason { get; init; }
    public IReadOnlyList<PinResult> Pins { get; init; } = [];
    public IReadOnlyList<GatewayResult> Gateways { get; init; } = [];
    public AnchorInfo? Anchor { get; init; }
    public RewardInfo? Reward { get; init; }

    /// <summary>What the availability monitor found when it last checked the published CID; null until its first check.</summary>
    public AvailabilityInfo? Availability { get; init; }

    /// <summary>What the privacy scanner redacted before the document was prepared: rule, JSON path, replacement (never the text it replaced).</summary>
    public IReadOnlyList<RedactionInfo> Redactions { get; init; } = [];

    /// <summary>While <see cref="Status"/> is <see cref="LearningStatus.WaitingForBatch"/>: when the batch closes at the latest (null while the collector has yet to take the learning, or is closing a batch).</summary>
    public DateTimeOffset? BatchClosesAt { get; init; }
}

/// <summary>One redaction of the privacy scanner: the rule, the field's JSON path and the text put in place of what it found.</summary>
public sealed record RedactionInfo(string RuleId, string Path, string Replacement);

/// <summary>
/// The approval request's webhook delivery: <c>delivered</c>, <c>refused</c> (the address is not public, or no signing
/// secret) or <c>failed</c> (redirect, status, time limit, connection), with the rule or cause, the receiver's status,
/// and whether the request went by email instead.
/// </summary>
public sealed record WebhookDeliveryInfo(string Outcome, string? Rule, int? Status, string Detail, DateTimeOffset At, bool FellBackToEmail);

/// <summary>One pin target's result.</summary>
public sealed record PinResult(string Target, bool Pinned, string? Detail);

/// <summary>One gateway's verification result.</summary>
public sealed record GatewayResult(string Gateway, string Outcome, double LatencyMs, string? Reason);

/// <summary>Where the learning's CID was anchored, with its Merkle proof.</summary>
public sealed record AnchorInfo(
    string BatchId, Hash32 Root, Hash32 Leaf, IReadOnlyList<Hash32> Proof, TxHash? TransactionHash, long? BlockNumber,
    Hash32? BlockHash, int Confirmations);

/// <summary>The learning's reward in token base units (18 decimals), as a decimal string.</summary>
public sealed record RewardInfo(string Amount, string State, string? Reason);

/// <summary>Whether a published CID still reaches its gateway quorum.</summary>
public enum AvailabilityState
{
    /// <summary>The last check reached the quorum.</summary>
    Available,

    /// <summary>Below the quorum, and re-pinning has not brought it back (yet); the next round tries again.</summary>
    Lost,

    /// <summary>It was below the quorum; re-pinned from the stored document, it reached the quorum again.</summary>
    Repinned,
}

/// <summary>
/// The availability monitor's latest result for a published learning: when it checked, how many gateways served
/// matching bytes and what each answered, and its incidents (losses of the quorum, each alerted once).
/// </summary>
/// <param name="State">Available, Lost or Repinned, after the last check.</param>
/// <param name="LastCheckedAt">When the monitor last checked the CID.</param>
/// <param name="VerifiedGateways">Gateways that served bytes matching the CID in the last check.</param>
/// <param name="Quorum">Gateways that must (<c>Ipfs:GatewayQuorum</c>).</param>
/// <param name="Gateways">Each gateway's answer in the last check.</param>
/// <param name="LostSince">When the latest incident began.</param>
/// <param name="RepinnedAt">When the CID was last re-pinned after a loss.</param>
/// <param name="Incidents">How many times the CID has lost its quorum.</param>
/// <param name="Detail">What re-pinning did on each target, during or after an incident.</param>
public sealed record AvailabilityInfo(
    AvailabilityState State,
    DateTimeOffset LastCheckedAt,
    int VerifiedGateways,
    int Quorum,
    IReadOnlyList<GatewayResult> Gateways,
    DateTimeOffset? LostSince,
    DateTimeOffset? RepinnedAt,
    int Incidents,
    string? Detail);
