using System.CommandLine;
using Mining.Ethereum.Keystore;

namespace Mining.Cli.Wallet;

/// <summary><c>mining wallet address</c>: prints the wallet's address, read from the keystore without unlocking it.</summary>
internal static class AddressCommand
{
    public static Command Create()
    {
        var options = new WalletOptions();
        var command = new Command("address", "Print the wallet's address (no passphrase needed).") { options.Keystore, options.Json };
        command.SetAction((parseResult, cancellationToken) => CliRunner.RunAsync(parseResult.GetValue(options.Json), () =>
        {
            var json = KeystoreFiles.Read(options.KeystorePath(parseResult));
            var address = KeystoreV3.ReadAddress(json)
                ?? throw new CliException(ExitCodes.KeystoreDamaged, "This keystore does not record its address: import it again with 'mining wallet import FILE', which adds it.");
            if (!parseResult.GetValue(options.Json))
            {
                Console.Out.WriteLine(address.ToString());
            }

            return Task.FromResult<object>(new { address = address.ToString() });
        }));
        return command;
    }
}
