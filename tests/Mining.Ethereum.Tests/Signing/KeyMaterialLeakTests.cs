using System.Text.Json.Nodes;
using Mining.Ethereum.Keystore;
using Mining.Ethereum.Signing;
using Mining.Keychain;

namespace Mining.Ethereum.Tests.Signing;

/// <summary>Runs the key providers through success and every failure we can provoke and scans all log text and exception text for the secrets.</summary>
public sealed class KeyMaterialLeakTests : IDisposable
{
    private const string PrivateKey = "4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318";
    private const string Passphrase = "leak-test passphrase 7f3a";
    private const string WrongPassphrase = "leak-test wrong passphrase 91be";
    private readonly TemporaryDirectory _directory = new();
    private readonly CapturingLogger _logger = new();
    private readonly List<string> _exceptions = [];
    private readonly Dictionary<string, string> _environment = [];

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task No_log_entry_or_exception_text_contains_the_key_or_a_passphrase()
    {
        var json = KeystoreV3.Encrypt(Convert.FromHexString(PrivateKey), Passphrase, ScryptParameters.Light);
        var good = Write("good.json", json);
        var tampered = Write("tampered.json", Tamper(json));
        var notAKey = new string('f', 64);

        _environment["PASS"] = Passphrase;
        using (await Factory().CreateAsync(KeystoreSettings(good)))
        {
        }

        _environment["PASS"] = WrongPassphrase;
        await CaptureAsync(KeystoreSettings(good));
        await CaptureAsync(KeystoreSettings(tampered));
        _environment["PASS"] = Passphrase;
        await CaptureAsync(KeystoreSettings(tampered));
        _environment["KEY"] = notAKey;
        await CaptureAsync(new KeyProviderSettings { Kind = KeyProviderKind.Environment, PrivateKeyEnvironmentVariable = "KEY" });
        _environment["KEY"] = PrivateKey[..63];
        await CaptureAsync(new KeyProviderSettings { Kind = KeyProviderKind.Environment, PrivateKeyEnvironmentVariable = "KEY" });
        Capture(() => KeystoreV3.Decrypt(json, WrongPassphrase));
        Capture(() => KeystoreV3.ChangePassphrase(json, WrongPassphrase, Passphrase, ScryptParameters.Light));
        Capture(() => KeystoreV3.Decrypt(Tamper(json), Passphrase));

        Assert.Equal(8, _exceptions.Count);
        Assert.NotEmpty(_logger.Entries);
        var everything = string.Join("\n", _logger.Entries.Concat(_exceptions));
        foreach (var secret in new[] { PrivateKey, PrivateKey.ToUpperInvariant(), PrivateKey[..16], Passphrase, WrongPassphrase, notAKey })
        {
            Assert.DoesNotContain(secret, everything, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Theory]
    [InlineData("4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f36231z")]
    [InlineData("0x4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f36231")]
    public void A_malformed_key_is_refused_without_repeating_any_of_it(string almostAKey)
    {
        var error = Assert.Throws<FormatException>(() => PrivateKeySigner.FromHex(almostAKey));

        Assert.Contains("64 hex digits", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(almostAKey.Replace("0x", string.Empty, StringComparison.Ordinal)[..12], error.ToString(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task No_log_entry_or_exception_text_from_the_key_vault_provider_contains_the_key_or_a_passphrase()
    {
        await using var vault = await FakeKeyVault.StartAsync();
        var factory = new KeyProviderFactory(new SecretServiceKeychain(), _ => null, _ => vault.CreateClient(), _logger);
        var settings = new KeyProviderSettings { Kind = KeyProviderKind.KeyVault, KeyVaultUri = vault.Uri };
        var json = KeystoreV3.Encrypt(Convert.FromHexString(PrivateKey), Passphrase, ScryptParameters.Light);
        vault.Secrets["operator-keystore"] = json;

        _exceptions.Add((await Assert.ThrowsAsync<KeyProviderException>(() => factory.CreateAsync(settings))).ToString());
        vault.Secrets["operator-keystore-passphrase"] = WrongPassphrase;
        _exceptions.Add((await Assert.ThrowsAsync<KeyProviderException>(() => factory.CreateAsync(settings))).ToString());
        vault.Secrets["operator-keystore"] = Tamper(json);
        vault.Secrets["operator-keystore-passphrase"] = Passphrase;
        _exceptions.Add((await Assert.ThrowsAsync<KeyProviderException>(() => factory.CreateAsync(settings))).ToString());
        vault.Secrets["operator-keystore"] = json;
        using (await factory.CreateAsync(settings))
        {
        }

        Assert.NotEmpty(_logger.Entries);
        AssertNoSecretIn(string.Join("\n", _logger.Entries.Concat(_exceptions)));
    }

    private static void AssertNoSecretIn(string everything)
    {
        foreach (var secret in new[] { PrivateKey, PrivateKey.ToUpperInvariant(), PrivateKey[..16], Passphrase, WrongPassphrase })
        {
            Assert.DoesNotContain(secret, everything, StringComparison.OrdinalIgnoreCase);
        }
    }

    private static string Tamper(string json)
    {
        var node = JsonNode.Parse(json)!;
        node["address"] = "f39fd6e51aad88f6f4ce6ab8827279cfffb92266";
        return node.ToJsonString();
    }

    private static KeyProviderSettings KeystoreSettings(string path) => new() { KeystorePath = path, PassphraseEnvironmentVariable = "PASS" };

    private string Write(string name, string json)
    {
        var path = Path.Combine(_directory.Path, name);
        File.WriteAllText(path, json);
        return path;
    }

    private KeyProviderFactory Factory() =>
        new(new SecretServiceKeychain(), name => _environment.GetValueOrDefault(name), _ => throw new InvalidOperationException("no vault"), _logger);

    private async Task CaptureAsync(KeyProviderSettings settings)
    {
        var error = await Assert.ThrowsAsync<KeyProviderException>(() => Factory().CreateAsync(settings));
        _exceptions.Add(error.ToString());
    }

    private void Capture(Action action) => _exceptions.Add(Assert.ThrowsAny<KeystoreException>(action).ToString());
}
