using System.Security.Cryptography;
using Mining.Ethereum.Signing;
using Nethereum.KeyStore;
using Nethereum.KeyStore.Crypto;
using Nethereum.KeyStore.Model;

namespace Mining.Ethereum.Keystore;

/// <summary>Keystore v3 files (Web3 Secret Storage) through Nethereum.KeyStore, with the project's checks around it.</summary>
/// <remarks>
/// Files written here open in geth and <c>cast wallet decrypt-keystore</c> (scrypt with r = 8, p = 1: cast refuses
/// Nethereum's default r = 1, p = 8), and cast's files (which have no <c>address</c> field) open here. Reading accepts
/// scrypt and pbkdf2 (hmac-sha256). A wrong passphrase gives <see cref="WrongPassphraseException"/>; a file whose
/// structure, parameters, lengths or address field are wrong gives <see cref="KeystoreTamperedException"/>.
/// Passphrases are taken as UTF-8 bytes, as geth does. Private keys leave this class only inside a <see cref="PrivateKeySigner"/>.
/// </remarks>
public static class KeystoreV3
{
    /// <summary>Generates a fresh key and returns its keystore.</summary>
    public static NewKeystore CreateNew(string passphrase, ScryptParameters? scrypt = null)
    {
        using var signer = PrivateKeySigner.CreateRandom();
        return new NewKeystore(signer.Address, Encrypt(signer, passphrase, scrypt));
    }

    /// <summary>Encrypts a 32-byte private key under <paramref name="passphrase"/>; returns the keystore JSON (with its address field).</summary>
    public static string Encrypt(ReadOnlySpan<byte> privateKey, string passphrase, ScryptParameters? scrypt = null)
    {
        using var signer = new PrivateKeySigner(privateKey);
        return Encrypt(signer, passphrase, scrypt);
    }

    /// <summary>Encrypts the key of <paramref name="signer"/> under <paramref name="passphrase"/>.</summary>
    public static string Encrypt(PrivateKeySigner signer, string passphrase, ScryptParameters? scrypt = null)
    {
        ArgumentNullException.ThrowIfNull(signer);
        ArgumentNullException.ThrowIfNull(passphrase);
        scrypt ??= ScryptParameters.Standard;
        if (!scrypt.IsAcceptable(out var reason))
        {
            throw new ArgumentException($"Invalid scrypt parameters: {reason}.", nameof(scrypt));
        }

        var key = signer.ExportKey();
        try
        {
            var parameters = new ScryptParams { Dklen = 32, N = scrypt.N, R = scrypt.R, P = scrypt.P };
            return new KeyStoreScryptService().EncryptAndGenerateKeyStoreAsJson(passphrase, key, Convert.ToHexStringLower(signer.Address.ToByteArray()), parameters);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(key);
        }
    }

    /// <summary>Unlocks a keystore into a signer.</summary>
    /// <exception cref="WrongPassphraseException">The MAC does not match: wrong passphrase (or altered ciphertext/MAC).</exception>
    /// <exception cref="KeystoreTamperedException">The file is malformed, has out-of-range parameters, or its key does not match its address field.</exception>
    public static PrivateKeySigner Decrypt(string json, string passphrase)
    {
        ArgumentNullException.ThrowIfNull(passphrase);
        var document = KeystoreDocument.Parse(json);
        byte[] key;
        try
        {
            key = new KeyStoreService().DecryptKeyStoreFromJson(passphrase, json);
        }
        catch (DecryptionException)
        {
            throw new WrongPassphraseException();
        }

        try
        {
            if (!PrivateKeySigner.IsValidPrivateKey(key))
            {
                throw KeystoreTamperedException.Because("the MAC matches but the decrypted value is not a valid secp256k1 key");
            }

            var signer = new PrivateKeySigner(key);
            if (document.Address is { } declared && declared != signer.Address)
            {
                signer.Dispose();
                throw KeystoreTamperedException.Because($"its address field says {declared} but the key it holds belongs to {signer.Address}");
            }

            return signer;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(key);
        }
    }

    /// <summary>Re-encrypts a keystore under a new passphrase (fresh salt, iv and id); the key stays.</summary>
    public static string ChangePassphrase(string json, string oldPassphrase, string newPassphrase, ScryptParameters? scrypt = null)
    {
        using var signer = Decrypt(json, oldPassphrase);
        return Encrypt(signer, newPassphrase, scrypt);
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
}
