namespace Mining.Functions.Contributors;

/// <summary>Someone who hands in learnings and receives their rewards.</summary>
/// <param name="Id">Stable id (<c>ctb_…</c>).</param>
/// <param name="Name">Display name.</param>
/// <param name="Email">Where approval requests go.</param>
/// <param name="RewardAddress">The EVM address rewards are paid to (EIP-55).</param>
/// <param name="CreatedAt">When the operator created it.</param>
public sealed record Contributor(string Id, string Name, string Email, string RewardAddress, DateTimeOffset CreatedAt);
