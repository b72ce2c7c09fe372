using Mining.Ethereum;
using Mining.Ethereum.Signing;
using Mining.Keychain;
using Spectre.Console;

namespace Mining.Cli.Wallet;

/// <summary>
/// Where a command gets passphrases: <c>--passphrase-env</c>, <c>--passphrase-keychain</c>, or a prompt. The prompt is
/// hidden on a terminal; when standard input is redirected, each prompt reads one line of it instead.
/// </summary>
internal sealed class Passphrases(string? environmentVariable, bool fromKeychain)
{
    public const int MinimumLength = 8;

    private static readonly Lazy<IKeychain> Keychain = new(OsKeychain.ForCurrentPlatform);

    public bool FromKeychain => fromKeychain;

    public static string Account(Address address) => address.ToString().ToLowerInvariant();

    /// <summary>The passphrase of an existing keystore.</summary>
    public async Task<string> ExistingAsync(Address? address, CancellationToken cancellationToken)
    {
        if (environmentVariable is not null)
        {
            return await new EnvironmentPassphraseSource(environmentVariable).GetPassphraseAsync(cancellationToken);
        }

        if (fromKeychain)
        {
            if (address is not { } known)
            {
                throw new CliException(ExitCodes.Usage, "This keystore does not record its address, so its keychain entry cannot be found: use --passphrase-env or the prompt.");
            }

            return await new KeychainPassphraseSource(Keychain.Value, KeyProviderSettings.DefaultKeychainService, Account(known)).GetPassphraseAsync(cancellationToken);
        }

        return Prompt("Passphrase");
    }

    /// <summary>A new passphrase: from the environment variable, or prompted twice.</summary>
    public static async Task<string> NewAsync(string? variable, CancellationToken cancellationToken)
    {
        var passphrase = variable is not null
            ? await new EnvironmentPassphraseSource(variable).GetPassphraseAsync(cancellationToken)
            : Prompt("New passphrase");
        if (passphrase.Length < MinimumLength)
        {
            throw new CliException(ExitCodes.Usage, $"The new passphrase is shorter than {MinimumLength} characters: choose a longer one.");
        }

        if (variable is null && Prompt("Repeat the new passphrase") != passphrase)
        {
            throw new CliException(ExitCodes.Usage, "The two passphrases differ: nothing was written. Run the command again.");
        }

        return passphrase;
    }

    /// <summary>Whether to store the passphrase in the OS keychain: the flag, or a question on a terminal.</summary>
    public static bool WantsKeychain(bool flag) =>
        flag || (!Console.IsInputRedirected && !Console.IsOutputRedirected
            && AnsiConsole.Confirm("Store the passphrase in the OS keychain so this computer can unlock the wallet without asking?", defaultValue: false));

    public static async Task SaveAsync(Address address, string passphrase, CancellationToken cancellationToken) =>
        await Keychain.Value.SaveAsync(KeyProviderSettings.DefaultKeychainService, Account(address), $"mining wallet {address}", passphrase, cancellationToken);

    private static string Prompt(string label)
    {
        if (Console.IsInputRedirected)
        {
            return Console.In.ReadLine()
                ?? throw new PassphraseUnavailableException($"{label} needed but standard input has ended: pass --passphrase-env VARIABLE or run on a terminal.");
        }

        return AnsiConsole.Prompt(new TextPrompt<string>(label + ":").Secret().AllowEmpty());
    }
}
