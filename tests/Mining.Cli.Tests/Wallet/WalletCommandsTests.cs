using System.Runtime.Versioning;
using System.Text.Json.Nodes;
using Mining.Cli.Tests.Support;
using Mining.Ethereum.Keystore;
using Mining.Testing;

namespace Mining.Cli.Tests.Wallet;

/// <summary>`mining wallet` end to end: the built CLI as a child process in a temporary HOME; cast as the independent check.</summary>
[UnsupportedOSPlatform("windows")]
public sealed class WalletCommandsTests : IDisposable
{
    private const string Passphrase = "first passphrase 1";
    private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("mining-cli-");
    private readonly MiningProcess _mining;

    public WalletCommandsTests()
    {
        Directory.CreateDirectory(Home);
        _mining = new MiningProcess(Home);
        _mining.Environment["WALLET_PASSPHRASE"] = Passphrase;
    }

    private string Home => Path.Combine(_root.FullName, "home");

    private string DefaultKeystore => Path.Combine(Home, ".mining", "wallet", "keystore.json");

    public void Dispose() => _root.Delete(recursive: true);

    [Fact]
    public async Task Create_writes_an_owner_only_keystore_under_home_and_reports_its_address()
    {
        var created = await CreateAsync();

        var address = created.Json.GetProperty("address").GetString();
        Assert.Equal(DefaultKeystore, created.Json.GetProperty("keystore").GetString());
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(DefaultKeystore));
        using var signer = KeystoreV3.Decrypt(File.ReadAllText(DefaultKeystore), Passphrase);
        Assert.Equal(address, signer.Address.ToString());
        var shown = await _mining.RunAsync(null, "wallet", "address");
        Assert.Equal(address, shown.Output.Trim());
    }

    [Fact]
    public async Task Create_without_json_prints_the_address_and_a_backup_reminder()
    {
        var created = await _mining.RunAsync(null, "wallet", "create", "--passphrase-env", "WALLET_PASSPHRASE", "--light-kdf");

        Assert.Equal(0, created.ExitCode);
        Assert.Contains("Back it up now", created.Output, StringComparison.Ordinal);
        Assert.Contains(KeystoreV3.ReadAddress(File.ReadAllText(DefaultKeystore)).ToString()!, created.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_refuses_to_overwrite_an_existing_wallet()
    {
        await CreateAsync();
        var before = File.ReadAllText(DefaultKeystore);

        var again = await _mining.RunAsync(null, "wallet", "create", "--passphrase-env", "WALLET_PASSPHRASE", "--light-kdf", "--json");

        Assert.Equal(6, again.ExitCode);
        Assert.Contains("never overwritten", again.Error, StringComparison.Ordinal);
        Assert.Equal(before, File.ReadAllText(DefaultKeystore));
    }

    [Fact]
    public async Task Create_with_prompted_passphrases_that_differ_writes_nothing()
    {
        var created = await _mining.RunAsync("one passphrase\nanother passphrase\n", "wallet", "create", "--light-kdf");

        Assert.Equal(2, created.ExitCode);
        Assert.Contains("differ", created.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(DefaultKeystore));
    }

    [Fact]
    public async Task Export_writes_an_owner_only_copy_and_never_overwrites()
    {
        await CreateAsync();
        var backup = Path.Combine(_root.FullName, "backup.json");

        var exported = await _mining.RunAsync(null, "wallet", "export", "--out", backup, "--json");
        var again = await _mining.RunAsync(null, "wallet", "export", "--out", backup);

        Assert.Equal(0, exported.ExitCode);
        Assert.Equal(File.ReadAllText(DefaultKeystore), File.ReadAllText(backup));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(backup));
        Assert.Equal(6, again.ExitCode);
    }

    [Fact]
    public async Task An_exported_wallet_imports_into_a_fresh_home_with_the_passphrase_typed_at_the_prompt()
    {
        var address = (await CreateAsync()).Json.GetProperty("address").GetString();
        var backup = Path.Combine(_root.FullName, "backup.json");
        Assert.Equal(0, (await _mining.RunAsync(null, "wallet", "export", "--out", backup)).ExitCode);
        var otherHome = Directory.CreateDirectory(Path.Combine(_root.FullName, "other-home")).FullName;

        var imported = await new MiningProcess(otherHome).RunAsync(Passphrase + "\n", "wallet", "import", backup, "--json");

        Assert.True(imported.ExitCode == 0, imported.ToString());
        Assert.Equal(address, imported.Json.GetProperty("address").GetString());
        Assert.Equal(address, (await new MiningProcess(otherHome).RunAsync(null, "wallet", "address")).Output.Trim());
    }

    [Fact]
    public async Task A_keystore_made_by_cast_imports_and_gains_its_address()
    {
        var castDirectory = Directory.CreateDirectory(Path.Combine(_root.FullName, "cast")).FullName;
        const string key = "0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d";
        Cast.Run("wallet", "import", "--keystore-dir", castDirectory, "account", "--private-key", key, "--unsafe-password", Passphrase);

        var imported = await _mining.RunAsync(null, "wallet", "import", Path.Combine(castDirectory, "account"), "--passphrase-env", "WALLET_PASSPHRASE", "--json");

        Assert.True(imported.ExitCode == 0, imported.ToString());
        Assert.Equal(Cast.Run("wallet", "address", "--private-key", key), imported.Json.GetProperty("address").GetString());
        Assert.Equal(imported.Json.GetProperty("address").GetString(), (await _mining.RunAsync(null, "wallet", "address")).Output.Trim());
    }

    [Fact]
    public async Task Import_refuses_to_overwrite_an_existing_wallet()
    {
        await CreateAsync();
        var backup = Path.Combine(_root.FullName, "backup.json");
        Assert.Equal(0, (await _mining.RunAsync(null, "wallet", "export", "--out", backup)).ExitCode);

        var imported = await _mining.RunAsync(null, "wallet", "import", backup, "--passphrase-env", "WALLET_PASSPHRASE");

        Assert.Equal(6, imported.ExitCode);
    }

    [Fact]
    public async Task A_wrong_passphrase_exits_with_3_and_says_so()
    {
        await CreateAsync();
        _mining.Environment["WRONG"] = "not the passphrase";

        var signed = await _mining.RunAsync(null, "wallet", "sign-message", "hello", "--passphrase-env", "WRONG");

        Assert.Equal(3, signed.ExitCode);
        Assert.Contains("passphrase does not unlock", signed.Error, StringComparison.Ordinal);
        Assert.Equal(string.Empty, signed.Output);
    }

    [Fact]
    public async Task A_tampered_keystore_exits_with_4_and_says_to_restore_a_backup()
    {
        await CreateAsync();
        var node = JsonNode.Parse(File.ReadAllText(DefaultKeystore))!;
        node["address"] = "f39fd6e51aad88f6f4ce6ab8827279cfffb92266";
        File.WriteAllText(DefaultKeystore, node.ToJsonString());

        var signed = await _mining.RunAsync(null, "wallet", "sign-message", "hello", "--passphrase-env", "WALLET_PASSPHRASE", "--json");

        Assert.Equal(4, signed.ExitCode);
        Assert.Contains("Restore it from a backup", signed.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_wallet_exits_with_5()
    {
        var shown = await _mining.RunAsync(null, "wallet", "address");

        Assert.Equal(5, shown.ExitCode);
        Assert.Contains("mining wallet create", shown.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_signed_message_is_verified_by_cast_wallet_verify()
    {
        var address = (await CreateAsync()).Json.GetProperty("address").GetString()!;
        const string message = "I own this address and register it for rewards: nonce 42";

        var signed = await _mining.RunAsync(null, "wallet", "sign-message", message, "--passphrase-env", "WALLET_PASSPHRASE", "--json");

        Assert.True(signed.ExitCode == 0, signed.ToString());
        Assert.Equal(address, signed.Json.GetProperty("address").GetString());
        var verdict = Cast.Run("wallet", "verify", "--address", address, message, signed.Json.GetProperty("signature").GetString()!);
        Assert.Contains("Validation succeeded", verdict, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Changing_the_passphrase_retires_the_old_one_and_keeps_the_address()
    {
        var address = (await CreateAsync()).Json.GetProperty("address").GetString();
        _mining.Environment["NEW_PASSPHRASE"] = "second passphrase 2";

        var changed = await _mining.RunAsync(null, "wallet", "change-passphrase", "--passphrase-env", "WALLET_PASSPHRASE", "--new-passphrase-env", "NEW_PASSPHRASE", "--light-kdf", "--json");
        var withOld = await _mining.RunAsync(null, "wallet", "sign-message", "m", "--passphrase-env", "WALLET_PASSPHRASE");
        var withNew = await _mining.RunAsync(null, "wallet", "sign-message", "m", "--passphrase-env", "NEW_PASSPHRASE", "--json");

        Assert.True(changed.ExitCode == 0, changed.ToString());
        Assert.Equal(3, withOld.ExitCode);
        Assert.Equal(address, withNew.Json.GetProperty("address").GetString());
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(DefaultKeystore));
    }

    [Fact]
    public async Task Unknown_options_exit_with_2()
    {
        var result = await _mining.RunAsync(null, "wallet", "create", "--no-such-option");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--no-such-option", result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("wallet")]
    [InlineData("wallet", "create")]
    [InlineData("wallet", "address")]
    [InlineData("wallet", "export")]
    [InlineData("wallet", "import")]
    [InlineData("wallet", "change-passphrase")]
    [InlineData("wallet", "sign-message")]
    public async Task Every_command_has_help(params string[] command)
    {
        var result = await _mining.RunAsync(null, [.. command, "--help"]);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("Usage:", result.Output, StringComparison.Ordinal);
        Assert.Contains("mining " + string.Join(' ', command), result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task No_command_output_contains_a_passphrase_or_the_private_key()
    {
        var castDirectory = Directory.CreateDirectory(Path.Combine(_root.FullName, "cast")).FullName;
        const string key = "8b3a350cf5c34c9194ca85829a2df0ec3153be0318b5e2d3348e872092edffba";
        Cast.Run("wallet", "import", "--keystore-dir", castDirectory, "account", "--private-key", key, "--unsafe-password", Passphrase);
        _mining.Environment["WRONG"] = "wrong passphrase 5c1d";
        _mining.Environment["NEW_PASSPHRASE"] = "second passphrase 9e2a";
        var results = new List<CliResult>
        {
            await _mining.RunAsync(null, "wallet", "import", Path.Combine(castDirectory, "account"), "--passphrase-env", "WRONG"),
            await _mining.RunAsync(null, "wallet", "import", Path.Combine(castDirectory, "account"), "--passphrase-env", "WALLET_PASSPHRASE"),
            await _mining.RunAsync(null, "wallet", "sign-message", "m", "--passphrase-env", "WRONG", "--json"),
            await _mining.RunAsync(null, "wallet", "sign-message", "m", "--passphrase-env", "WALLET_PASSPHRASE"),
            await _mining.RunAsync(null, "wallet", "change-passphrase", "--passphrase-env", "WALLET_PASSPHRASE", "--new-passphrase-env", "NEW_PASSPHRASE", "--light-kdf"),
            await _mining.RunAsync("short\n", "wallet", "change-passphrase", "--passphrase-env", "NEW_PASSPHRASE"),
        };

        Assert.Equal([3, 0, 3, 0, 0, 2], results.Select(result => result.ExitCode));
        var everything = string.Join("\n", results.Select(result => result.Output + result.Error));
        foreach (var secret in new[] { key, Passphrase, "wrong passphrase 5c1d", "second passphrase 9e2a" })
        {
            Assert.DoesNotContain(secret, everything, StringComparison.OrdinalIgnoreCase);
        }
    }

    private async Task<CliResult> CreateAsync()
    {
        var created = await _mining.RunAsync(null, "wallet", "create", "--passphrase-env", "WALLET_PASSPHRASE", "--light-kdf", "--json");
        Assert.True(created.ExitCode == 0, created.ToString());
        return created;
    }
}
