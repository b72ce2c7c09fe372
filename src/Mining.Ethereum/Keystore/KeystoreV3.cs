using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Mining.Ethereum.Crypto;
using Mining.Ethereum.Signing;

namespace Mining.Ethereum.Keystore;

/// <summary>Keystore v3 files (Web3 Secret Storage): scrypt or pbkdf2, AES-128-CTR, Keccak-256 MAC.</summary>
/// <remarks>
/// Files written here are read by geth and <c>cast wallet</c>, and theirs are read here. Writing always uses scrypt
/// (<see cref="ScryptParameters.Standard"/> unless told otherwise); reading accepts scrypt and pbkdf2 (hmac-sha256).
/// A wrong passphrase gives <see cref="WrongPassphraseException"/>; a file whose structure, parameters, lengths or
/// address field are wrong gives <see cref="KeystoreTamperedException"/>. Passphrases are taken as UTF-8 bytes, as geth does.
/// Private keys never leave this class except inside a <see cref="PrivateKeySigner"/>.
/// </remarks>
public static class KeystoreV3
{
    /// <summary>Generates a fresh key and returns its keystore.</summary>
    public static NewKeystore CreateNew(string passphrase, ScryptParameters? scrypt = null)
    {
        Span<byte> key = stackalloc byte[32];
        do
        {
            RandomNumberGenerator.Fill(key);
        }
        while (!Secp256k1.IsValidPrivateKey(key));

        try
        {
            var address = Address.FromPublicKey(Secp256k1.PublicKey(key));
            return new NewKeystore(address, Encrypt(key, passphrase, scrypt));
        }
        finally
        {
            CryptographicOperations.ZeroMemory(key);
        }
    }

    /// <summary>Encrypts a 32-byte private key under <paramref name="passphrase"/>; returns the keystore JSON (with its address field).</summary>
    public static string Encrypt(ReadOnlySpan<byte> privateKey, string passphrase, ScryptParameters? scrypt = null)
    {
        ArgumentNullException.ThrowIfNull(passphrase);
        if (!Secp256k1.IsValidPrivateKey(privateKey))
        {
            throw new ArgumentException("A private key is 32 bytes and a number between 1 and n-1.", nameof(privateKey));
        }

        scrypt ??= ScryptParameters.Standard;
        if (!scrypt.IsAcceptable(out var reason))
        {
            throw new ArgumentException($"Invalid scrypt parameters: {reason}.", nameof(scrypt));
        }

        var salt = RandomNumberGenerator.GetBytes(32);
        var iv = RandomNumberGenerator.GetBytes(16);
        var password = Encoding.UTF8.GetBytes(passphrase);
        var derived = Scrypt.DeriveKey(password, salt, scrypt.N, scrypt.R, scrypt.P, 32);
        CryptographicOperations.ZeroMemory(password);
        try
        {
            var ciphertext = Aes128Ctr.Transform(derived.AsSpan(0, 16), iv, privateKey);
            var mac = KeystoreDocument.ComputeMac(derived, ciphertext);
            var address = Address.FromPublicKey(Secp256k1.PublicKey(privateKey));
            return Write(address, ciphertext, iv, salt, scrypt, mac, Guid.NewGuid());
        }
        finally
        {
            CryptographicOperations.ZeroMemory(derived);
        }
    }

    /// <summary>Unlocks a keystore into a signer.</summary>
    /// <exception cref="WrongPassphraseException">The MAC does not match: wrong passphrase (or altered ciphertext/MAC).</exception>
    /// <exception cref="KeystoreTamperedException">The file is malformed, has out-of-range parameters, or its key does not match its address field.</exception>
    public static PrivateKeySigner Decrypt(string json, string passphrase)
    {
        var key = DecryptKey(KeystoreDocument.Parse(json), passphrase);
        try
        {
            return new PrivateKeySigner(key);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(key);
        }
    }

    /// <summary>Re-encrypts a keystore under a new passphrase (fresh salt and iv); the key and its id stay.</summary>
    public static string ChangePassphrase(string json, string oldPassphrase, string newPassphrase, ScryptParameters? scrypt = null)
    {
        var key = DecryptKey(KeystoreDocument.Parse(json), oldPassphrase);
        try
        {
            return Encrypt(key, newPassphrase, scrypt);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(key);
        }
    }

    /// <summary>Unlocks a keystore and returns it with its address field filled in (cast writes none); the crypto section is kept as it is.</summary>
    public static string Normalize(string json, string passphrase)
    {
        var document = KeystoreDocument.Parse(json);
        using var signer = Decrypt(json, passphrase);
        var node = System.Text.Json.Nodes.JsonNode.Parse(json)!.AsObject();
        node["address"] = Convert.ToHexStringLower(signer.Address.ToByteArray());
        if (document.Id.Length == 0)
        {
            node["id"] = Guid.NewGuid().ToString();
        }

        return node.ToJsonString();
    }

    /// <summary>The address a keystore declares, without unlocking it; <see langword="null"/> when the file has no address field (cast's files).</summary>
    /// <exception cref="KeystoreTamperedException">The file is not a valid keystore v3.</exception>
    public static Address? ReadAddress(string json) => KeystoreDocument.Parse(json).Address;

    /// <summary>Checks that <paramref name="json"/> is a well-formed keystore v3, without unlocking it.</summary>
    /// <exception cref="KeystoreTamperedException">It is not.</exception>
    public static void Validate(string json) => KeystoreDocument.Parse(json);

    private static byte[] DecryptKey(KeystoreDocument document, string passphrase)
    {
        ArgumentNullException.ThrowIfNull(passphrase);
        var derived = document.DeriveKey(passphrase);
        try
        {
            var mac = KeystoreDocument.ComputeMac(derived, document.Ciphertext);
            if (!CryptographicOperations.FixedTimeEquals(mac, document.Mac))
            {
                throw new WrongPassphraseException();
            }

            var key = Aes128Ctr.Transform(derived.AsSpan(0, 16), document.Iv, document.Ciphertext);
            if (!Secp256k1.IsValidPrivateKey(key))
            {
                CryptographicOperations.ZeroMemory(key);
                throw KeystoreTamperedException.Because("the MAC matches but the decrypted value is not a valid secp256k1 key");
            }

            var address = Address.FromPublicKey(Secp256k1.PublicKey(key));
            if (document.Address is { } declared && declared != address)
            {
                CryptographicOperations.ZeroMemory(key);
                throw KeystoreTamperedException.Because($"its address field says {declared} but the key it holds belongs to {address}");
            }

            return key;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(derived);
        }
    }

    private static string Write(Address address, byte[] ciphertext, byte[] iv, byte[] salt, ScryptParameters scrypt, byte[] mac, Guid id)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("address", Convert.ToHexStringLower(address.ToByteArray()));
            writer.WriteStartObject("crypto");
            writer.WriteString("cipher", "aes-128-ctr");
            writer.WriteString("ciphertext", Convert.ToHexStringLower(ciphertext));
            writer.WriteStartObject("cipherparams");
            writer.WriteString("iv", Convert.ToHexStringLower(iv));
            writer.WriteEndObject();
            writer.WriteString("kdf", "scrypt");
            writer.WriteStartObject("kdfparams");
            writer.WriteNumber("dklen", 32);
            writer.WriteNumber("n", scrypt.N);
            writer.WriteNumber("p", scrypt.P);
            writer.WriteNumber("r", scrypt.R);
            writer.WriteString("salt", Convert.ToHexStringLower(salt));
            writer.WriteEndObject();
            writer.WriteString("mac", Convert.ToHexStringLower(mac));
            writer.WriteEndObject();
            writer.WriteString("id", id.ToString());
            writer.WriteNumber("version", 3);
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}
