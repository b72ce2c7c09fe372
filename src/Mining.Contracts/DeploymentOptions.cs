namespace Mining.Contracts;

/// <summary>What to deploy: who administers the registry, who operates it, and the token's name and symbol.</summary>
/// <remarks>The admin defaults to the deployer; the deployer is also made operator unless <see cref="Operators"/> is given.</remarks>
public sealed record DeploymentOptions
{
    public Mining.Ethereum.Address? Admin { get; init; }

    public IReadOnlyList<Mining.Ethereum.Address>? Operators { get; init; }

    public string TokenName { get; init; } = "Learning Reward";

    public string TokenSymbol { get; init; } = "LEARN";
}
