using System.CommandLine;

namespace Mining.Cli.Wallet;

/// <summary><c>mining wallet export --out FILE</c>: copies the encrypted keystore for backup (0600, never overwrites).</summary>
internal static class ExportCommand
{
    public static Command Create()
    {
        var options = new WalletOptions();
        var output = new Option<string>("--out")
        {
            Description = "Where to write the backup copy of the encrypted keystore; an existing file is never overwritten.",
            Required = true,
            HelpName = "FILE",
        };
        var command = new Command("export", "Write a backup copy of the encrypted keystore (the key stays encrypted under its passphrase).")
        {
            options.Keystore, output, options.Json,
        };
        command.SetAction((parseResult, cancellationToken) => CliRunner.RunAsync(parseResult.GetValue(options.Json), () =>
        {
            var json = KeystoreFiles.Read(options.KeystorePath(parseResult));
            var destination = Path.GetFullPath(parseResult.GetValue(output)!);
            KeystoreFiles.CreateNew(destination, json);
            var address = KeystoreFiles.DeclaredAddress(json)?.ToString();
            if (!parseResult.GetValue(options.Json))
            {
                Console.Out.WriteLine($"Exported {address} to {destination} (mode 0600). Keep the passphrase apart from this file.");
            }

            return Task.FromResult<object>(new { address, @out = destination });
        }));
        return command;
    }
}
