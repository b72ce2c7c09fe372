using System.CommandLine;
using Mining.Cli.Controls;
using Mining.Cli.Credentials;
using Mining.Cli.Learnings;
using Mining.Cli.Operator;
using Mining.Cli.Receipts;
using Mining.Cli.Rewards;
using Mining.Cli.Service;
using Mining.Cli.Wallet;

namespace Mining.Cli;

/// <summary>The root <c>mining</c> command.</summary>
internal static class MiningCommand
{
    public static RootCommand Create()
    {
        var root = new RootCommand("mining: publish learnings, anchor them on chain and claim rewards. Exit codes: see the README ('The mining CLI').");
        root.Subcommands.Add(LoginCommand.Login());
        root.Subcommands.Add(LoginCommand.Logout());
        root.Subcommands.Add(SubmitCommand.Create());
        root.Subcommands.Add(StatusCommand.Create());
        root.Subcommands.Add(ListCommand.Create());
        root.Subcommands.Add(ShowCommand.Create());
        root.Subcommands.Add(DecideCommand.Create(approve: true));
        root.Subcommands.Add(DecideCommand.Create(approve: false));
        root.Subcommands.Add(PublishCommand.Create());
        root.Subcommands.Add(SettingsCommand.Create());
        root.Subcommands.Add(KeysCommand.Create());
        root.Subcommands.Add(AuditCommand.Create());
        root.Subcommands.Add(WebhookSecretCommand.Create());
        root.Subcommands.Add(RewardsCommand.Create());
        root.Subcommands.Add(ClaimCommand.Create());
        root.Subcommands.Add(ReceiptCommand.Create());
        root.Subcommands.Add(WalletCommand.Create());
        root.Subcommands.Add(ContributorsCommand.Create());
        root.Subcommands.Add(DeadLettersCommand.Create());
        root.Subcommands.Add(OperatorCommands.Alerts());
        root.Subcommands.Add(OperatorCommands.Pause(paused: true));
        root.Subcommands.Add(OperatorCommands.Pause(paused: false));
        root.Subcommands.Add(OperatorCommands.Metrics());
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
