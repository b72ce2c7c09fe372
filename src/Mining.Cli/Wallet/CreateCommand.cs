using System.CommandLine;
using Mining.Ethereum.Keystore;
using Spectre.Console;

namespace Mining.Cli.Wallet;

/// <summary><c>mining wallet create</c>: generates a key, writes its keystore (0600), optionally stores the passphrase in the OS keychain.</summary>
internal static class CreateCommand
{
    public static Command Create()
    {
        var options = new WalletOptions();
        var command = new Command("create", "Generate a new wallet key and write it to an encrypted keystore file (never overwrites).")
        {
            options.Keystore, options.PassphraseEnv, options.SaveToKeychain, options.LightKdf, options.Json,
        };
        command.SetAction((parseResult, cancellationToken) => CliRunner.RunAsync(parseResult.GetValue(options.Json), async () =>
        {
            var path = options.KeystorePath(parseResult);
            if (File.Exists(path))
            {
                throw new CliException(ExitCodes.AlreadyExists, $"A wallet already exists at '{path}' and is never overwritten: use it, or pass --keystore with another path.");
            }

            var passphrase = await Passphrases.NewAsync(parseResult.GetValue(options.PassphraseEnv), cancellationToken);
            var created = await Task.Run(() => KeystoreV3.CreateNew(passphrase, options.Scrypt(parseResult)), cancellationToken);
            KeystoreFiles.CreateNew(path, created.Json);
            var saved = Passphrases.WantsKeychain(parseResult.GetValue(options.SaveToKeychain));
            if (saved)
            {
                await Passphrases.SaveAsync(created.Address, passphrase, cancellationToken);
            }

            if (!parseResult.GetValue(options.Json))
            {
                AnsiConsole.Write(new Panel(new Markup(
                        $"Address:  [bold]{created.Address}[/]\nKeystore: {Markup.Escape(path)}\n"
                        + (saved ? "Passphrase stored in the OS keychain.\n" : string.Empty)
                        + "\n[yellow]Back it up now:[/] run 'mining wallet export --out FILE' to a USB stick or password manager, and keep the passphrase "
                        + "somewhere else. Without both, the rewards of this address are lost for good."))
                    .Header("New wallet"));
            }

            return new { address = created.Address.ToString(), keystore = path, savedToKeychain = saved };
        }));
        return command;
    }
}
