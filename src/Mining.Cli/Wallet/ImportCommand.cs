using System.CommandLine;
using Mining.Ethereum.Keystore;

namespace Mining.Cli.Wallet;

/// <summary><c>mining wallet import FILE</c>: checks that a keystore (ours, geth's, cast's) unlocks, then installs it as the wallet.</summary>
internal static class ImportCommand
{
    public static Command Create()
    {
        var options = new WalletOptions();
        var file = new Argument<string>("FILE") { Description = "A keystore v3 file (a backup from 'export', or from geth or cast)." };
        var command = new Command("import", "Restore the wallet from a keystore file; asks for its passphrase to prove it unlocks (never overwrites).")
        {
            file, options.Keystore, options.PassphraseEnv, options.SaveToKeychain, options.Json,
        };
        command.SetAction((parseResult, cancellationToken) => CliRunner.RunAsync(parseResult.GetValue(options.Json), async () =>
        {
            var source = Path.GetFullPath(parseResult.GetValue(file)!);
            var json = KeystoreFiles.Read(source);
            var path = options.KeystorePath(parseResult);
            if (File.Exists(path))
            {
                throw new CliException(ExitCodes.AlreadyExists, $"A wallet already exists at '{path}' and is never overwritten: pass --keystore with another path, or move it away first.");
            }

            var passphrase = await options.Passphrases(parseResult).ExistingAsync(KeystoreV3.ReadAddress(json), cancellationToken);
            var normalized = await Task.Run(() => KeystoreV3.Normalize(json, passphrase), cancellationToken);
            var address = KeystoreV3.ReadAddress(normalized)!.Value;
            KeystoreFiles.CreateNew(path, normalized);
            var saved = Passphrases.WantsKeychain(parseResult.GetValue(options.SaveToKeychain));
            if (saved)
            {
                await Passphrases.SaveAsync(address, passphrase, cancellationToken);
            }

            if (!parseResult.GetValue(options.Json))
            {
                Console.Out.WriteLine($"Imported {address} into {path}.");
            }

            return new { address = address.ToString(), keystore = path, savedToKeychain = saved };
        }));
        return command;
    }
}
