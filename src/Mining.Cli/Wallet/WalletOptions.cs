using System.CommandLine;
using Mining.Ethereum.Keystore;

namespace Mining.Cli.Wallet;

/// <summary>The options the wallet commands share; one instance per command.</summary>
internal sealed class WalletOptions
{
    public Option<string?> Keystore { get; } = new("--keystore")
    {
        Description = "The wallet's keystore file (default: ~/.mining/wallet/keystore.json).",
    };

    public Option<string?> PassphraseEnv { get; } = new("--passphrase-env")
    {
        Description = "Take the passphrase from this environment variable instead of prompting (automation).",
        HelpName = "VARIABLE",
    };

    public Option<bool> PassphraseKeychain { get; } = new("--passphrase-keychain")
    {
        Description = "Take the passphrase from the OS keychain entry saved by 'create' or 'change-passphrase' --save-to-keychain.",
    };

    public Option<bool> Json { get; } = new("--json")
    {
        Description = "Write the result (or the error) as JSON.",
    };

    public Option<bool> SaveToKeychain { get; } = new("--save-to-keychain")
    {
        Description = "Store the passphrase in the OS keychain (asked interactively when omitted on a terminal).",
    };

    public Option<bool> LightKdf { get; } = new("--light-kdf")
    {
        Description = "Use a cheap scrypt cost (n=4096, p=6, like geth's --lightkdf): for tests and throwaway keys only.",
    };

    public string KeystorePath(ParseResult parseResult) => parseResult.GetValue(Keystore) is { Length: > 0 } path
        ? Path.GetFullPath(path)
        : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".mining", "wallet", "keystore.json");

    public ScryptParameters Scrypt(ParseResult parseResult) => parseResult.GetValue(LightKdf) ? ScryptParameters.Light : ScryptParameters.Standard;

    public Passphrases Passphrases(ParseResult parseResult) =>
        new(parseResult.GetValue(PassphraseEnv), parseResult.GetValue(PassphraseKeychain));
}
