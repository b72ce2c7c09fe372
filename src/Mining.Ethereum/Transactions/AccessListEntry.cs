namespace Mining.Ethereum.Transactions;

/// <summary>One EIP-2930 access list entry: an address and the storage keys the transaction declares it will touch.</summary>
public sealed record AccessListEntry(Address Address, IReadOnlyList<Hash32> StorageKeys);
