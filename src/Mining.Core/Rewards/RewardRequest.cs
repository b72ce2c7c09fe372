using System.Numerics;

namespace Mining.Core.Rewards;

/// <summary>A confirmed learning to reward, with what the ledger knows about its contributor and CID.</summary>
/// <param name="Cid">The learning's CID.</param>
/// <param name="Quality">Quality score, 0–100.</param>
/// <param name="Confidence">Confidence, 0–1.</param>
/// <param name="CidAlreadyRewarded">True when the ledger already rewarded this CID (to anyone).</param>
/// <param name="RewardedTodayToContributor">Base units already rewarded to this contributor in the current UTC day.</param>
public sealed record RewardRequest(string Cid, double Quality, double Confidence, bool CidAlreadyRewarded, BigInteger RewardedTodayToContributor);
