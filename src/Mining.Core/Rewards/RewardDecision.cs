using System.Numerics;

namespace Mining.Core.Rewards;

/// <summary>The reward for one learning, in token base units, with the amount before the cap and the reason.</summary>
public sealed record RewardDecision(BigInteger Amount, BigInteger UncappedAmount, RewardOutcome Outcome);
