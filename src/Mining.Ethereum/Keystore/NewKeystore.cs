namespace Mining.Ethereum.Keystore;

/// <summary>A freshly generated key: its address and its keystore JSON. The key itself exists only inside <see cref="Json"/>, encrypted.</summary>
public sealed record NewKeystore(Address Address, string Json);
