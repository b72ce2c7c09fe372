using System.CommandLine;
using Mining.Cli.Credentials;
using Mining.Cli.Learnings;
using Mining.Cli.Service;

namespace Mining.Cli.Operator;

/// <summary>
/// <c>mining contributors create|keys|revoke-key</c> (operator key): a new contributor (its first API key shown once), any
/// contributor's keys (never a key), and revoking one with a reason that goes into that contributor's audit trail.
/// </summary>
internal static class ContributorsCommand
{
    public static Command Create() => new("contributors", "Operator: create contributors; list and revoke their API keys (operator key).")
    {
        New(), Keys(), RevokeKey(),
    };

    private static Command New()
    {
        var name = new Option<string>("--name") { Description = "The contributor's display name.", Required = true, HelpName = "NAME" };
        var email = new Option<string>("--email") { Description = "Where approval requests and dashboard sign-in links go.", Required = true, HelpName = "ADDRESS" };
        var address = new Option<string>("--reward-address") { Description = "The 0x EVM address rewards are paid to.", Required = true, HelpName = "0x…" };
        return ServiceCommand.Create("create", "Create a contributor; its API key is shown once (hand it over securely).", async (parseResult, api, json, cancellationToken) =>
        {
            var created = await api.SendJsonAsync(HttpMethod.Post, "api/contributors",
                new { name = parseResult.GetValue(name), email = parseResult.GetValue(email), rewardAddress = parseResult.GetValue(address) }, cancellationToken);
            if (!json)
            {
                var contributor = created.GetProperty("contributor");
                Console.Out.WriteLine($"Created {LearningView.Text(contributor, "id")} ({LearningView.Text(contributor, "name")}, {LearningView.Text(contributor, "email")}, rewards to {LearningView.Text(contributor, "rewardAddress")}).");
                Console.Out.WriteLine("Its API key (shown once, hand it over securely):");
                Console.Out.WriteLine(LearningView.Text(created, "apiKey"));
            }

            return created;
        }, name, email, address);
    }

    private static Command Keys()
    {
        var id = ContributorId();
        return ServiceCommand.Create("keys", "List a contributor's API keys: id, prefix, state, created, last used (never a key).", async (parseResult, api, json, cancellationToken) =>
        {
            var list = await api.GetJsonAsync($"api/contributors/{MiningApi.Segment(parseResult.GetValue(id)!)}/keys", cancellationToken);
            if (!json)
            {
                var items = list.GetProperty("items").EnumerateArray().ToList();
                foreach (var key in items)
                {
                    Console.Out.WriteLine(KeyLines.Line(key, current: false));
                }

                Console.Out.WriteLine($"{items.Count} key(s)");
            }

            return list;
        }, id);
    }

    private static Command RevokeKey()
    {
        var id = ContributorId();
        var keyId = new Argument<string>("KEY_ID") { Description = "The key's id (key_…), as 'mining contributors keys' shows it." };
        var reason = new Option<string>("--reason") { Description = "Why (kept in the contributor's audit trail), one line of at most 500 characters.", Required = true, HelpName = "TEXT" };
        var yes = new Option<bool>("--yes", "-y") { Description = "Revoke without asking (scripts)." };
        return ServiceCommand.Create("revoke-key", "Revoke a contributor's API key at once, with a reason kept in its audit trail. Asks first.", async (parseResult, api, json, cancellationToken) =>
        {
            var (contributor, key) = (parseResult.GetValue(id)!, parseResult.GetValue(keyId)!);
            if (!Confirmation.Ask($"Revoke {contributor}'s key {key}? It stops working at once.", parseResult.GetValue(yes)))
            {
                return new CliOutcome(new { id = contributor, keyId = key, revoked = false }, ExitCodes.Declined, $"Nothing was revoked: {key} works as before.");
            }

            var answer = await api.SendJsonAsync(HttpMethod.Delete, $"api/contributors/{MiningApi.Segment(contributor)}/keys/{MiningApi.Segment(key)}",
                new { reason = parseResult.GetValue(reason) }, cancellationToken);
            if (!json)
            {
                Console.Out.WriteLine(answer.GetProperty("alreadyRevoked").GetBoolean() ? $"{key} was already revoked." : $"Revoked {contributor}'s key {key}; the reason is in its audit trail.");
            }

            return answer;
        }, id, keyId, reason, yes);
    }

    private static Argument<string> ContributorId() => new("CONTRIBUTOR_ID") { Description = "The contributor's id (ctb_…)." };
}
