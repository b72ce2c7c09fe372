namespace Mining.Functions.Learnings;

/// <summary>What the service knows about one learning; the body of <c>GET /api/learnings/{id}</c>.</summary>
public sealed record LearningRecord
{
    public required string Id { get; init; }
    public required string ContributorId { get; init; }
    public required string Cid { get; init; }
    public required string Title { get; init; }
    public required string InputDigest { get; init; }
    public required LearningStatus Status { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; init; }
    public int DocumentBytes { get; init; }
    public DateTimeOffset? ApprovalExpiresAt { get; init; }
    public string? Reason { get; init; }
    public IReadOnlyList<PinResult> Pins { get; init; } = [];
    public IReadOnlyList<GatewayResult> Gateways { get; init; } = [];
    public AnchorInfo? Anchor { get; init; }
    public RewardInfo? Reward { get; init; }
}

/// <summary>One pin target's result.</summary>
public sealed record PinResult(string Target, bool Pinned, string? Detail);

/// <summary>One gateway's verification result.</summary>
public sealed record GatewayResult(string Gateway, string Outcome, double LatencyMs, string? Reason);

/// <summary>Where the learning's CID was anchored, with its Merkle proof.</summary>
public sealed record AnchorInfo(
    string BatchId, string Root, string Leaf, IReadOnlyList<string> Proof, string? TransactionHash, long? BlockNumber,
    string? BlockHash, int Confirmations);

/// <summary>The learning's reward in token base units (18 decimals), as a decimal string.</summary>
public sealed record RewardInfo(string Amount, string State, string? Reason);
