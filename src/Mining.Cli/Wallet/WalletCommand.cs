using System.CommandLine;

namespace Mining.Cli.Wallet;

/// <summary><c>mining wallet</c>: the contributor's reward wallet (a keystore v3 file).</summary>
internal static class WalletCommand
{
    public static Command Create()
    {
        var wallet = new Command("wallet", "Create, back up, restore and use the wallet that receives your rewards.");
        wallet.Subcommands.Add(CreateCommand.Create());
        wallet.Subcommands.Add(AddressCommand.Create());
        wallet.Subcommands.Add(ExportCommand.Create());
        wallet.Subcommands.Add(ImportCommand.Create());
        wallet.Subcommands.Add(ChangePassphraseCommand.Create());
        wallet.Subcommands.Add(SignMessageCommand.Create());
        return wallet;
    }
}
