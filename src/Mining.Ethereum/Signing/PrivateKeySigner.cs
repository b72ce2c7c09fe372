using System.Numerics;
using System.Security.Cryptography;
using Nethereum.Signer;
using Nethereum.Hex.HexConvertors.Extensions;

namespace Mining.Ethereum.Signing;

/// <summary>An <see cref="ISigner"/> over a private key held in memory (tests, the dev stack, keys loaded from a keystore).</summary>
/// <remarks>
/// The key lives in a Nethereum <see cref="EthECKey"/>, which is dropped on <see cref="Dispose"/>; it never appears in
/// <see cref="ToString"/>. Signing is deterministic (RFC 6979) and low-s.
/// </remarks>
public sealed class PrivateKeySigner : ISigner, IDisposable
{
    private static readonly BigInteger CurveOrder = BigInteger.Parse("0FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141", System.Globalization.NumberStyles.HexNumber, System.Globalization.CultureInfo.InvariantCulture);
    private EthECKey? _key;

    /// <summary>Creates a signer over a 32-byte private key.</summary>
    public PrivateKeySigner(ReadOnlySpan<byte> privateKey)
    {
        if (!IsValidPrivateKey(privateKey))
        {
            throw new ArgumentException("A private key is 32 bytes and a number between 1 and n-1.", nameof(privateKey));
        }

        var copy = privateKey.ToArray();
        _key = new EthECKey(copy, true);
        CryptographicOperations.ZeroMemory(copy);
        Address = Address.FromPublicKey(_key.GetPubKeyNoPrefix());
    }

    /// <inheritdoc/>
    public Address Address { get; }

    /// <summary>True for 32 bytes holding a number between 1 and the secp256k1 order minus 1.</summary>
    public static bool IsValidPrivateKey(ReadOnlySpan<byte> key)
    {
        if (key.Length != 32)
        {
            return false;
        }

        var value = new BigInteger(key, isUnsigned: true, isBigEndian: true);
        return value > 0 && value < CurveOrder;
    }

    /// <summary>Creates a signer from a hex private key (with or without <c>0x</c>).</summary>
    /// <exception cref="FormatException">The text is not 32 bytes of hex; the message never repeats the text (it may be a key).</exception>
    public static PrivateKeySigner FromHex(string privateKeyHex)
    {
        ArgumentNullException.ThrowIfNull(privateKeyHex);
        byte[] bytes;
        try
        {
            bytes = privateKeyHex.Length % 2 == 0 ? privateKeyHex.HexToByteArray() : throw new FormatException();
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
        var key = EthECKey.GenerateKey().GetPrivateKeyAsBytes();
        try
        {
            return new PrivateKeySigner(key);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(key);
        }
    }

    /// <inheritdoc/>
    public ValueTask<EthECDSASignature> SignHashAsync(ReadOnlyMemory<byte> hash32, CancellationToken cancellationToken = default)
    {
        var key = _key;
        ObjectDisposedException.ThrowIf(key is null, this);
        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.FromResult(key.SignAndCalculateYParityV(hash32.ToArray()));
    }

    /// <summary>The key's 32 bytes, for writing it into a keystore; the caller zeroes them.</summary>
    internal byte[] ExportKey()
    {
        var key = _key;
        ObjectDisposedException.ThrowIf(key is null, this);
        return key.GetPrivateKeyAsBytes();
    }

    /// <inheritdoc/>
    public override string ToString() => $"PrivateKeySigner({Address})";

    /// <summary>Drops the key.</summary>
    public void Dispose() => _key = null;
}
