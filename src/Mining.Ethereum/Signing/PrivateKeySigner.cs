using System.Security.Cryptography;
using Mining.Ethereum.Crypto;

namespace Mining.Ethereum.Signing;

/// <summary>An <see cref="ISigner"/> over a private key held in memory (tests, the dev stack, keys loaded from a keystore).</summary>
/// <remarks>
/// The key is copied on construction and zeroed on <see cref="Dispose"/>; it never appears in <see cref="ToString"/>.
/// Signing is deterministic (RFC 6979) and low-s.
/// </remarks>
public sealed class PrivateKeySigner : ISigner, IDisposable
{
    private readonly byte[] _key;
    private bool _disposed;

    /// <summary>Creates a signer over a 32-byte private key.</summary>
    public PrivateKeySigner(ReadOnlySpan<byte> privateKey)
    {
        if (!Secp256k1.IsValidPrivateKey(privateKey))
        {
            throw new ArgumentException("A private key is 32 bytes and a number between 1 and n-1.", nameof(privateKey));
        }

        _key = privateKey.ToArray();
        Address = Address.FromPublicKey(Secp256k1.PublicKey(_key));
    }

    /// <inheritdoc/>
    public Address Address { get; }

    /// <summary>Creates a signer from a hex private key (with or without <c>0x</c>).</summary>
    /// <exception cref="FormatException">The text is not 32 bytes of hex; the message never repeats the text (it may be a key).</exception>
    public static PrivateKeySigner FromHex(string privateKeyHex)
    {
        byte[] bytes;
        try
        {
            bytes = Hex.Decode(privateKeyHex);
        }
        catch (FormatException)
        {
            throw new FormatException("The private key is not hex data: expected 64 hex digits (32 bytes), optionally prefixed with 0x.");
        }

        try
        {
            return new PrivateKeySigner(bytes);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(bytes);
        }
    }

    /// <summary>Creates a signer over a fresh random key.</summary>
    public static PrivateKeySigner CreateRandom()
    {
        Span<byte> key = stackalloc byte[32];
        do
        {
            RandomNumberGenerator.Fill(key);
        }
        while (!Secp256k1.IsValidPrivateKey(key));

        var signer = new PrivateKeySigner(key);
        CryptographicOperations.ZeroMemory(key);
        return signer;
    }

    /// <inheritdoc/>
    public ValueTask<Signature> SignHashAsync(ReadOnlyMemory<byte> hash32, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.FromResult(Secp256k1.Sign(hash32.Span, _key));
    }

    /// <inheritdoc/>
    public override string ToString() => $"PrivateKeySigner({Address})";

    /// <summary>Zeroes the key.</summary>
    public void Dispose()
    {
        CryptographicOperations.ZeroMemory(_key);
        _disposed = true;
    }
}
