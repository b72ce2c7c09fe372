using System.CommandLine;
using System.Text.Json;
using Mining.Cli.Learnings;
using Mining.Cli.Service;

namespace Mining.Cli.Rewards;

/// <summary><c>mining rewards [--history]</c>: accrued, claimable, claimed and the token balance; with --history each ledger entry.</summary>
internal static class RewardsCommand
{
    public static Command Create()
    {
        var history = new Option<bool>("--history") { Description = "List every ledger entry with its state and transactions instead." };
        return ServiceCommand.Create("rewards", "Show your rewards: accrued, claimable, claimed and your token balance.", async (parseResult, api, json, cancellationToken) =>
        {
            if (parseResult.GetValue(history))
            {
                var entries = await api.GetJsonAsync("api/rewards/history", cancellationToken);
                if (!json)
                {
                    foreach (var entry in entries.EnumerateArray())
                    {
                        Console.Out.WriteLine($"{LearningView.Text(entry, "learningId")}  {LearningView.Text(entry, "state"),-10}  {Tokens.Format(LearningView.Text(entry, "amount"))}"
                            + (LearningView.Text(entry, "claimTransaction") is { } claim ? $"  claimed in {claim}" : string.Empty));
                    }
                }

                return entries;
            }

            var rewards = await api.GetJsonAsync("api/rewards", cancellationToken);
            if (!json)
            {
                Print(rewards);
            }

            return rewards;
        }, history);
    }

    public static void Print(JsonElement rewards)
    {
        Console.Out.WriteLine($"account        {LearningView.Text(rewards, "account")}");
        Console.Out.WriteLine($"accrued        {Tokens.Format(LearningView.Text(rewards, "accrued"))}");
        Console.Out.WriteLine($"claimable      {Tokens.Format(LearningView.Text(rewards, "claimable"))}");
        Console.Out.WriteLine($"claimed        {Tokens.Format(LearningView.Text(rewards, "claimed"))}");
        Console.Out.WriteLine($"token balance  {Tokens.Format(LearningView.Text(rewards, "tokenBalance"))}");
        if (rewards.TryGetProperty("entries", out var entries) && entries.ValueKind == JsonValueKind.Object)
        {
            Console.Out.WriteLine($"entries        {string.Join(", ", entries.EnumerateObject().Select(e => $"{e.Value} {e.Name}"))}");
        }

        if (rewards.TryGetProperty("claim", out var claim) && claim.ValueKind == JsonValueKind.Object)
        {
            Console.Out.WriteLine("               claim it with 'mining claim'");
        }
    }
}
