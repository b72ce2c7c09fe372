using Nethereum.KeyStore;
using Nethereum.KeyStore.Model;

namespace Mining.Ethereum.Keystore;

/// <summary>A keystore v3 file read by Nethereum.KeyStore, with the checks the project makes before decrypting it.</summary>
/// <remarks>Parsing rejects anything an honest writer (geth, cast, this library) would not produce, as tampering.</remarks>
internal sealed record KeystoreDocument(Address? Address, string Id)
{
    private const int MaxPbkdf2Iterations = 100_000_000;

    public static KeystoreDocument Parse(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        KeyStore<ScryptParams>? scrypt = null;
        KeyStore<Pbkdf2Params>? pbkdf2 = null;
        try
        {
            if (new KeyStoreKdfChecker().GetKeyStoreKdfType(json) == KeyStoreKdfChecker.KdfType.scrypt)
            {
                scrypt = new KeyStoreScryptService().DeserializeKeyStoreFromJson(json);
            }
            else
            {
                pbkdf2 = new KeyStorePbkdf2Service().DeserializeKeyStoreFromJson(json);
            }
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            throw KeystoreTamperedException.Because("it is not a keystore v3 JSON document with a scrypt or pbkdf2 kdf");
        }

        var (version, id, address) = scrypt is not null ? (scrypt.Version, scrypt.Id, scrypt.Address) : (pbkdf2!.Version, pbkdf2.Id, pbkdf2.Address);
        var crypto = (CryptoInfoFields?)Fields(scrypt?.Crypto) ?? Fields(pbkdf2?.Crypto);
        Require(version == 3, "its version is not 3");
        Require(crypto is not null, "it has no 'crypto' field");
        Require(crypto!.Cipher == "aes-128-ctr", $"its cipher '{crypto.Cipher}' is not aes-128-ctr");
        Require(Bytes(crypto.Iv, "iv").Length == 16, "its iv is not 16 bytes");
        Require(Bytes(crypto.CipherText, "ciphertext").Length == 32, "its ciphertext is not 32 bytes");
        Require(Bytes(crypto.Mac, "mac").Length == 32, "its mac is not 32 bytes");
        Require(crypto.Kdf is not null && Bytes(crypto.Kdf.Salt, "salt").Length >= 16, "its salt is shorter than 16 bytes");
        Require(crypto.Kdf!.Dklen is >= 32 and <= 1024, "its dklen is not between 32 and 1024");
        if (crypto.Kdf is ScryptParams s && !new ScryptParameters(s.N, s.R, s.P).IsAcceptable(out var reason))
        {
            throw KeystoreTamperedException.Because(reason);
        }

        if (crypto.Kdf is Pbkdf2Params p)
        {
            Require(p.Prf == "hmac-sha256", "its pbkdf2 prf is not hmac-sha256");
            Require(p.Count is >= 1 and <= MaxPbkdf2Iterations, "its pbkdf2 iteration count is out of range");
        }

        return new KeystoreDocument(ParseAddress(address), id ?? string.Empty);
    }

    private sealed record CryptoInfoFields(string? Cipher, string? Iv, string? CipherText, string? Mac, KdfParams? Kdf);

    private static CryptoInfoFields? Fields<T>(CryptoInfo<T>? crypto)
        where T : KdfParams =>
        crypto is null ? null : new(crypto.Cipher, crypto.CipherParams?.Iv, crypto.CipherText, crypto.Mac, crypto.Kdfparams);

    private static Address? ParseAddress(string? text)
    {
        if (text is null)
        {
            return null;
        }

        var prefixed = text.StartsWith("0x", StringComparison.OrdinalIgnoreCase) ? text : "0x" + text;
        return Ethereum.Address.TryParse(prefixed, out var address) ? address : throw KeystoreTamperedException.Because("its address field is not an address");
    }

    private static void Require(bool condition, string reason)
    {
        if (!condition)
        {
            throw KeystoreTamperedException.Because(reason);
        }
    }

    private static byte[] Bytes(string? text, string name)
    {
        var digits = text is not null && text.StartsWith("0x", StringComparison.OrdinalIgnoreCase) ? text[2..] : text;
        return digits is not null && digits.Length % 2 == 0 && digits.All(char.IsAsciiHexDigit)
            ? Convert.FromHexString(digits)
            : throw KeystoreTamperedException.Because($"its '{name}' field is not hex");
    }
}
