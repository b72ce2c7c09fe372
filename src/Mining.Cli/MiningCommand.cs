using System.CommandLine;
using Mining.Cli.Receipts;
using Mining.Cli.Wallet;

namespace Mining.Cli;

/// <summary>The root <c>mining</c> command.</summary>
internal static class MiningCommand
{
    public static RootCommand Create()
    {
        var root = new RootCommand("mining: publish learnings, anchor them on chain and claim rewards.");
        root.Subcommands.Add(WalletCommand.Create());
        root.Subcommands.Add(ReceiptCommand.Create());
        return root;
    }

    /// <summary>Parses and runs; parse errors exit with <see cref="ExitCodes.Usage"/>.</summary>
    public static async Task<int> RunAsync(string[] args)
    {
        var parseResult = Create().Parse(args);
        if (parseResult.Errors.Count > 0 && parseResult.Action is not System.CommandLine.Help.HelpAction)
        {
            foreach (var error in parseResult.Errors)
            {
                await Console.Error.WriteLineAsync("error: " + error.Message);
            }

            await Console.Error.WriteLineAsync("Run with --help for usage.");
            return ExitCodes.Usage;
        }

        return await parseResult.InvokeAsync();
    }
}
