using System.Runtime.Versioning;
using Mining.Cli.Tests.Support;
using Mining.Testing;

namespace Mining.Cli.Tests.Wallet;

/// <summary>`mining wallet` with the passphrase in the real Linux Secret Service (gnome-keyring on a private D-Bus session).</summary>
[UnsupportedOSPlatform("windows")]
public sealed class WalletKeychainTests : IAsyncLifetime
{
    private const string Passphrase = "keychain passphrase 1";
    private readonly DirectoryInfo _home = Directory.CreateTempSubdirectory("mining-cli-keychain-");
    private SecretServiceSession? _session;
    private MiningProcess? _mining;

    private MiningProcess Mining => _mining!;

    public async Task InitializeAsync()
    {
        _session = await SecretServiceSession.StartAsync();
        _mining = new MiningProcess(_home.FullName);
        foreach (var (name, value) in _session.Environment)
        {
            _mining.Environment[name] = value;
        }

        _mining.Environment["WALLET_PASSPHRASE"] = Passphrase;
        _mining.Environment["NEW_PASSPHRASE"] = "keychain passphrase 2";
    }

    public Task DisposeAsync()
    {
        _session?.Dispose();
        _home.Delete(recursive: true);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task A_wallet_created_with_save_to_keychain_signs_and_changes_passphrase_with_the_keychain_alone()
    {
        var created = await Mining.RunAsync(null, "wallet", "create", "--passphrase-env", "WALLET_PASSPHRASE", "--save-to-keychain", "--light-kdf", "--json");
        Assert.True(created.ExitCode == 0, created.ToString());
        var address = created.Json.GetProperty("address").GetString()!;
        Assert.True(created.Json.GetProperty("savedToKeychain").GetBoolean());
        Assert.Equal(Passphrase, await _session!.Keychain.FindAsync("mining-wallet", address.ToLowerInvariant()));

        var signed = await Mining.RunAsync(null, "wallet", "sign-message", "hello", "--passphrase-keychain", "--json");
        var changed = await Mining.RunAsync(null, "wallet", "change-passphrase", "--passphrase-keychain", "--new-passphrase-env", "NEW_PASSPHRASE", "--light-kdf");
        var signedAgain = await Mining.RunAsync(null, "wallet", "sign-message", "hello", "--passphrase-keychain", "--json");

        Assert.True(signed.ExitCode == 0, signed.ToString());
        Assert.Equal(address, signed.Json.GetProperty("address").GetString());
        Assert.True(changed.ExitCode == 0, changed.ToString());
        Assert.Equal("keychain passphrase 2", await _session.Keychain.FindAsync("mining-wallet", address.ToLowerInvariant()));
        Assert.Equal(signed.Json.GetProperty("signature").GetString(), signedAgain.Json.GetProperty("signature").GetString());
    }

    [Fact]
    public async Task Without_a_keychain_entry_the_command_exits_with_7_and_says_where_it_looked()
    {
        Assert.Equal(0, (await Mining.RunAsync(null, "wallet", "create", "--passphrase-env", "WALLET_PASSPHRASE", "--light-kdf")).ExitCode);

        var signed = await Mining.RunAsync(null, "wallet", "sign-message", "hello", "--passphrase-keychain");

        Assert.Equal(7, signed.ExitCode);
        Assert.Contains("service='mining-wallet'", signed.Error, StringComparison.Ordinal);
    }
}
