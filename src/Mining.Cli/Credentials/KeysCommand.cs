using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Nodes;
using Mining.Cli.Learnings;
using Mining.Cli.Service;

namespace Mining.Cli.Credentials;

/// <summary>
/// <c>mining keys list|rotate|revoke</c> (contributor key): your API keys as the service lists them (id, prefix, created,
/// last used, state; never a key), a rotation (the new key is shown once; the key that asked keeps working for the grace
/// period, and when it is the one <c>mining login</c> saved the saved key becomes the new one), and a revocation after asking.
/// </summary>
internal static class KeysCommand
{
    public static Command Create() => new("keys", "Your API keys: list them, rotate the one in use (the new key is shown once), revoke one.")
    {
        List(), Rotate(), Revoke(),
    };

    private static Command List() => ServiceCommand.Create("list", "List your API keys: id, prefix, state, created, last used (never a key).", async (_, api, json, cancellationToken) =>
    {
        var list = await api.GetJsonAsync("api/keys", cancellationToken);
        if (!json)
        {
            var items = list.GetProperty("items").EnumerateArray().ToList();
            foreach (var item in items)
            {
                Console.Out.WriteLine(KeyLines.Line(item.GetProperty("key"), item.TryGetProperty("current", out var c) && c.ValueKind == JsonValueKind.True));
            }

            Console.Out.WriteLine($"{items.Count} key(s)");
        }

        return list;
    });

    private static Command Rotate()
    {
        var grace = GracePeriodOption.Create("key (the one this command uses)");
        return ServiceCommand.Create("rotate",
            "Issue a new API key in place of the one in use; the new key is shown once (and replaces the key saved by 'mining login' when that is the one rotated).",
            async (parseResult, api, json, cancellationToken) =>
            {
                var body = GracePeriodOption.Body(parseResult.GetValue(grace));
                var rotated = await api.SendJsonAsync(HttpMethod.Post, "api/keys/rotate", body, cancellationToken);
                var newKey = LearningView.Text(rotated, "apiKey")!;
                var previous = rotated.GetProperty("previousKey");
                if (!json)
                {
                    Console.Out.WriteLine($"New API key {LearningView.Text(rotated.GetProperty("key"), "id")} (shown once, store it now):");
                    Console.Out.WriteLine(newKey);
                    Console.Out.WriteLine($"The rotated key {LearningView.Text(previous, "id")} works until {KeyLines.Date(previous, "expiresAt")}, then stops.");
                }

                var (saved, problem) = await UpdateLoginAsync(api, newKey, cancellationToken);
                if (!json)
                {
                    if (saved is not null)
                    {
                        Console.Out.WriteLine($"The key saved by 'mining login' was the rotated one; {saved} now holds the new key.");
                    }
                    else if (problem is not null)
                    {
                        await Console.Error.WriteLineAsync($"warning: the key saved by 'mining login' is the rotated one but could not be replaced ({problem}); run 'mining login --url {api.Url}' with the new key.");
                    }
                }

                var answer = JsonNode.Parse(rotated.GetRawText())!.AsObject();
                answer["savedLoginUpdated"] = saved is not null;
                if (problem is not null)
                {
                    answer["savedLoginProblem"] = problem;
                }

                return answer;
            }, grace);
    }

    private static Command Revoke()
    {
        var id = new Argument<string>("KEY_ID") { Description = "The key's id (key_…), as 'mining keys list' shows it." };
        var yes = new Option<bool>("--yes", "-y") { Description = "Revoke without asking (scripts)." };
        return ServiceCommand.Create("revoke", "Revoke one of your API keys: it stops working at once. Asks first.", async (parseResult, api, json, cancellationToken) =>
        {
            var keyId = parseResult.GetValue(id)!;
            var listed = (await api.GetJsonAsync("api/keys", cancellationToken)).GetProperty("items").EnumerateArray()
                .FirstOrDefault(k => LearningView.Text(k.GetProperty("key"), "id") == keyId);
            if (listed.ValueKind != JsonValueKind.Object)
            {
                throw new CliException(ExitCodes.NotFound, $"You have no API key with id '{keyId}'; 'mining keys list' shows yours.");
            }

            var inUse = listed.TryGetProperty("current", out var c) && c.ValueKind == JsonValueKind.True;
            var question = $"Revoke {keyId} ({LearningView.Text(listed.GetProperty("key"), "prefix")}…)? It stops working at once"
                + (inUse ? "; it is the key this command uses, so later commands with it are refused." : ".");
            if (!Confirmation.Ask(question, parseResult.GetValue(yes)))
            {
                return new CliOutcome(new { id = keyId, revoked = false }, ExitCodes.Declined, $"Nothing was revoked: {keyId} works as before.");
            }

            var answer = await api.SendJsonAsync(HttpMethod.Delete, "api/keys/" + MiningApi.Segment(keyId), null, cancellationToken);
            if (!json)
            {
                Console.Out.WriteLine(answer.GetProperty("alreadyRevoked").GetBoolean() ? $"{keyId} was already revoked." : $"Revoked {keyId}: it no longer works.");
            }

            return answer;
        }, id, yes);
    }

    /// <summary>
    /// When the key the rotation came from is the one <c>mining login</c> saved for this URL, saves <paramref name="newKey"/>
    /// in its place; returns where it was saved, or why that failed (null, null: the saved key is another or there is none).
    /// Never throws: the new key has been shown by then and must not be lost to a keychain error.
    /// </summary>
    private static async Task<(string? Saved, string? Problem)> UpdateLoginAsync(MiningApi api, string newKey, CancellationToken cancellationToken)
    {
        try
        {
            var config = CliConfig.Load();
            if (config is null || !string.Equals(config.Url, api.Url.ToString(), StringComparison.OrdinalIgnoreCase)
                || await ApiKeyStore.FindAsync(config, cancellationToken) != api.ApiKey)
            {
                return (null, null);
            }

            await ApiKeyStore.SaveAsync(config.KeyStore, api.Url, newKey, cancellationToken);
            return (config.KeyStore == ApiKeyStore.Keychain ? "the OS keychain" : ApiKeyStore.FilePath, null);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return (null, e.Message);
        }
    }
}
