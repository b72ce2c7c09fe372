using Mining.Ethereum.Crypto;

namespace Mining.Ethereum.Signing;

/// <summary>Signs 32-byte hashes for one account, wherever its key lives (memory, keystore, Key Vault, hardware).</summary>
/// <remarks>
/// Implementations never expose the key: not in properties, messages, exceptions or <c>ToString()</c>.
/// The returned signature must be canonical (low-s) and carry its recovery id.
/// </remarks>
public interface ISigner
{
    /// <summary>The address of the signing account.</summary>
    Address Address { get; }

    /// <summary>Signs a 32-byte hash.</summary>
    ValueTask<Signature> SignHashAsync(ReadOnlyMemory<byte> hash32, CancellationToken cancellationToken = default);
}
