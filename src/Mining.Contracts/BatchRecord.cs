namespace Mining.Contracts;

/// <summary>What the registry stores for an anchored root.</summary>
public sealed record BatchRecord(ulong BatchId, uint LeafCount, ulong BlockNumber, DateTimeOffset Timestamp);
