using Nethereum.Signer;

namespace Mining.Ethereum.Signing;

/// <summary>Signs 32-byte hashes for one account, wherever its key lives (memory, keystore, Key Vault, hardware).</summary>
/// <remarks>
/// Implementations never expose the key: not in properties, messages, exceptions or <c>ToString()</c>.
/// The returned signature is canonical (low-s) and its <c>V</c> is the y-parity (0 or 1); callers derive the
/// transaction-type specific <c>v</c> from it.
/// </remarks>
public interface ISigner
{
    /// <summary>The address of the signing account.</summary>
    Address Address { get; }

    /// <summary>Signs a 32-byte hash.</summary>
    ValueTask<EthECDSASignature> SignHashAsync(ReadOnlyMemory<byte> hash32, CancellationToken cancellationToken = default);
}
