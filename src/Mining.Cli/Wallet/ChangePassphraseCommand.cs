using System.CommandLine;
using Mining.Ethereum.Keystore;

namespace Mining.Cli.Wallet;

/// <summary><c>mining wallet change-passphrase</c>: re-encrypts the keystore under a new passphrase, replacing the file atomically.</summary>
internal static class ChangePassphraseCommand
{
    public static Command Create()
    {
        var options = new WalletOptions();
        var newPassphraseEnv = new Option<string?>("--new-passphrase-env")
        {
            Description = "Take the new passphrase from this environment variable instead of prompting twice.",
            HelpName = "VARIABLE",
        };
        var command = new Command("change-passphrase", "Re-encrypt the wallet under a new passphrase (the key and address stay the same).")
        {
            options.Keystore, options.PassphraseEnv, options.PassphraseKeychain, newPassphraseEnv, options.SaveToKeychain, options.LightKdf, options.Json,
        };
        command.SetAction((parseResult, cancellationToken) => CliRunner.RunAsync(parseResult.GetValue(options.Json), async () =>
        {
            var path = options.KeystorePath(parseResult);
            var json = KeystoreFiles.Read(path);
            var passphrases = options.Passphrases(parseResult);
            var old = await passphrases.ExistingAsync(KeystoreV3.ReadAddress(json), cancellationToken);
            using (var unlocked = await Task.Run(() => KeystoreV3.Decrypt(json, old), cancellationToken))
            {
                var replacement = await Passphrases.NewAsync(parseResult.GetValue(newPassphraseEnv), cancellationToken);
                var changed = await Task.Run(() => KeystoreV3.ChangePassphrase(json, old, replacement, options.Scrypt(parseResult)), cancellationToken);
                KeystoreFiles.Replace(path, changed);
                var saved = passphrases.FromKeychain || Passphrases.WantsKeychain(parseResult.GetValue(options.SaveToKeychain));
                if (saved)
                {
                    await Passphrases.SaveAsync(unlocked.Address, replacement, cancellationToken);
                }

                if (!parseResult.GetValue(options.Json))
                {
                    Console.Out.WriteLine($"Changed the passphrase of {unlocked.Address}. Backups made before still open with the old passphrase: replace them.");
                }

                return new { address = unlocked.Address.ToString(), keystore = path, savedToKeychain = saved };
            }
        }));
        return command;
    }
}
