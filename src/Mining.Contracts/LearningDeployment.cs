using Mining.Ethereum;

namespace Mining.Contracts;

/// <summary>Where the contracts were deployed: the registry, its token, the chain, and the deployment transaction.</summary>
public sealed record LearningDeployment(ulong ChainId, Address Registry, Address Token, TxHash Transaction, ulong BlockNumber);
