using System.Text.Json.Nodes;
using Mining.Ethereum.Keystore;
using Mining.Ethereum.Signing;
using Mining.Ethereum.Tests.Support;
using Mining.Testing;

namespace Mining.Ethereum.Tests.Keystore;

public sealed class KeystoreV3Tests : IDisposable
{
    private const string Passphrase = "correct horse battery staple";
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("keystore-tests-");

    public void Dispose() => _directory.Delete(recursive: true);

    [Fact]
    public void The_published_pbkdf2_vector_unlocks_to_its_key()
    {
        using var signer = KeystoreV3.Decrypt(KeystoreVectors.Pbkdf2, KeystoreVectors.Password);
        using var expected = PrivateKeySigner.FromHex(KeystoreVectors.PrivateKey);
        Assert.Equal(expected.Address, signer.Address);
    }

    [Fact]
    public void The_published_scrypt_vector_unlocks_to_its_key()
    {
        using var signer = KeystoreV3.Decrypt(KeystoreVectors.Scrypt, KeystoreVectors.Password);
        using var expected = PrivateKeySigner.FromHex(KeystoreVectors.PrivateKey);
        Assert.Equal(expected.Address, signer.Address);
    }

    [Fact]
    public void The_published_vector_refuses_a_wrong_passphrase()
    {
        Assert.Throws<WrongPassphraseException>(() => KeystoreV3.Decrypt(KeystoreVectors.Pbkdf2, "testpassword!"));
    }

    [Fact]
    public void A_keystore_written_here_with_default_parameters_is_unlocked_by_cast()
    {
        var json = KeystoreV3.Encrypt(Convert.FromHexString(AnvilAccounts.Key0[2..]), Passphrase);
        var kdfParams = JsonNode.Parse(json)!["crypto"]!["kdfparams"]!;
        Assert.Equal((262144, 8, 1), ((int)kdfParams["n"]!, (int)kdfParams["r"]!, (int)kdfParams["p"]!));
        File.WriteAllText(Path.Combine(_directory.FullName, "ours"), json);

        var output = Cast.Run("wallet", "decrypt-keystore", "--keystore-dir", _directory.FullName, "ours", "--unsafe-password", Passphrase);

        Assert.EndsWith(AnvilAccounts.Key0, output, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void A_keystore_written_by_cast_is_unlocked_here()
    {
        Cast.Run("wallet", "import", "--keystore-dir", _directory.FullName, "theirs", "--private-key", AnvilAccounts.Key0, "--unsafe-password", Passphrase);
        var json = File.ReadAllText(Path.Combine(_directory.FullName, "theirs"));

        using var signer = KeystoreV3.Decrypt(json, Passphrase);

        Assert.Equal(AnvilAccounts.Address0, signer.Address.ToString());
        Assert.Null(KeystoreV3.ReadAddress(json));
        Assert.Equal(signer.Address, KeystoreV3.ReadAddress(KeystoreV3.Normalize(json, Passphrase)));
    }

    [Fact]
    public void A_new_keystore_declares_the_address_of_the_key_it_holds()
    {
        var created = KeystoreV3.CreateNew(Passphrase, ScryptParameters.Light);

        using var signer = KeystoreV3.Decrypt(created.Json, Passphrase);

        Assert.Equal(created.Address, signer.Address);
        Assert.Equal(created.Address, KeystoreV3.ReadAddress(created.Json));
    }

    [Fact]
    public void A_wrong_passphrase_is_reported_as_such()
    {
        var created = KeystoreV3.CreateNew(Passphrase, ScryptParameters.Light);

        var error = Assert.Throws<WrongPassphraseException>(() => KeystoreV3.Decrypt(created.Json, "Correct horse battery staple"));

        Assert.Contains("passphrase does not unlock", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_edited_address_field_is_reported_as_tampering_not_as_a_wrong_passphrase()
    {
        var created = KeystoreV3.CreateNew(Passphrase, ScryptParameters.Light);
        var json = Edit(created.Json, node => node["address"] = AnvilAccounts.Address0[2..].ToLowerInvariant());

        var error = Assert.Throws<KeystoreTamperedException>(() => KeystoreV3.Decrypt(json, Passphrase));

        Assert.Contains(created.Address.ToString(), error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("iv", "its iv is not 16 bytes")]
    [InlineData("ciphertext", "its ciphertext is not 32 bytes")]
    [InlineData("mac", "its mac is not 32 bytes")]
    public void A_truncated_field_is_reported_as_tampering(string field, string reason)
    {
        var created = KeystoreV3.CreateNew(Passphrase, ScryptParameters.Light);
        var json = Edit(created.Json, node =>
        {
            var holder = field == "iv" ? node["crypto"]!["cipherparams"]! : node["crypto"]!;
            holder[field] = ((string)holder[field]!)[2..];
        });

        var error = Assert.Throws<KeystoreTamperedException>(() => KeystoreV3.Decrypt(json, Passphrase));

        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(1000, 8, 1, "not a power of two")]
    [InlineData(1 << 24, 8, 1, "more than 1 GiB")]
    [InlineData(4096, 0, 1, "out of range")]
    public void Scrypt_parameters_no_honest_writer_uses_are_reported_as_tampering_before_any_work(int n, int r, int p, string reason)
    {
        var created = KeystoreV3.CreateNew(Passphrase, ScryptParameters.Light);
        var json = Edit(created.Json, node =>
        {
            var kdfParams = node["crypto"]!["kdfparams"]!;
            kdfParams["n"] = n;
            kdfParams["r"] = r;
            kdfParams["p"] = p;
        });

        var error = Assert.Throws<KeystoreTamperedException>(() => KeystoreV3.Decrypt(json, Passphrase));

        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("not json at all")]
    [InlineData("""{"version":2,"crypto":{}}""")]
    [InlineData("""{"version":3}""")]
    public void A_file_that_is_not_a_keystore_is_reported_as_damaged(string json)
    {
        Assert.Throws<KeystoreTamperedException>(() => KeystoreV3.Decrypt(json, Passphrase));
    }

    [Fact]
    public void A_flipped_ciphertext_byte_looks_like_a_wrong_passphrase_because_v3_cannot_tell_them_apart()
    {
        var created = KeystoreV3.CreateNew(Passphrase, ScryptParameters.Light);
        var json = Edit(created.Json, node =>
        {
            var ciphertext = (string)node["crypto"]!["ciphertext"]!;
            node["crypto"]!["ciphertext"] = (ciphertext[0] == '0' ? "1" : "0") + ciphertext[1..];
        });

        var error = Assert.Throws<WrongPassphraseException>(() => KeystoreV3.Decrypt(json, Passphrase));

        Assert.Contains("restore the keystore from a backup", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Changing_the_passphrase_keeps_the_key_and_retires_the_old_passphrase()
    {
        var created = KeystoreV3.CreateNew(Passphrase, ScryptParameters.Light);

        var changed = KeystoreV3.ChangePassphrase(created.Json, Passphrase, "a new passphrase", ScryptParameters.Light);

        using var signer = KeystoreV3.Decrypt(changed, "a new passphrase");
        Assert.Equal(created.Address, signer.Address);
        Assert.Throws<WrongPassphraseException>(() => KeystoreV3.Decrypt(changed, Passphrase));
    }

    private static string Edit(string json, Action<JsonNode> edit)
    {
        var node = JsonNode.Parse(json)!;
        edit(node);
        return node.ToJsonString();
    }
}
