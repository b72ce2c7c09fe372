namespace Mining.Ethereum.Sending;

/// <summary>The next nonce to use for a sender, and the store's concurrency version (e.g. an ETag).</summary>
public sealed record NonceRecord(ulong NextNonce, string Version);
