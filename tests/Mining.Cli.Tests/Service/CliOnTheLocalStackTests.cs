using System.Runtime.Versioning;
using System.Text.Json;
using Mining.Cli.Tests.Support;
using Mining.Testing;

namespace Mining.Cli.Tests.Service;

/// <summary>
/// The built <c>mining</c> CLI, as a child process, against the service running as its own process on the real local
/// stack (<see cref="LocalService"/>: Azurite, anvil, both IPFS nodes, maildev): submit, decide with and without the
/// prompt, watch to Rewarded, claim on anvil, dead-letter replay, JSON output and errors.
/// </summary>
[UnsupportedOSPlatform("windows")]
public sealed class CliOnTheLocalStackTests(LocalService service) : IClassFixture<LocalService>, IDisposable
{
    private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("mining-cli-service-");

    private string Home => Path.Combine(_root.FullName, "home");

    private string Files => Path.Combine(_root.FullName, "learnings");

    public void Dispose() => _root.Delete(recursive: true);

    [Fact]
    public async Task Submit_shows_each_learnings_CID_and_every_finding_of_a_refused_one_with_its_JSON_path()
    {
        var contributor = await service.NewContributorAsync(Home);
        LearningFiles.Write(Files, "a-good.json");
        LearningFiles.Write(Files, "b-invalid.json", LearningFiles.Invalid);
        LearningFiles.Write(Files, "c-secret.json", LearningFiles.WithSecret);

        var submitted = await contributor.Mining.RunAsync(null, "submit", Files);

        Assert.True(submitted.ExitCode == 11, submitted.ToString());
        Assert.Matches(@"a-good\.json: lrn_\S+  CID bafk\S+  LocalOnly", submitted.Output);
        Assert.Contains("b-invalid.json: refused, nothing stored", submitted.Output, StringComparison.Ordinal);
        Assert.Matches(@"\n  /title  \S+: ", submitted.Output);
        Assert.Matches(@"\n  /confidence  \S+: ", submitted.Output);
        Assert.Contains("c-secret.json: refused, nothing stored — Sensitive content found", submitted.Output, StringComparison.Ordinal);
        Assert.Matches(@"\n  /body  \S+: ", submitted.Output);
        Assert.Contains("2 of 3 learning(s) refused", submitted.Error, StringComparison.Ordinal);
        var listed = await contributor.Mining.RunAsync(null, "list", "--json");
        Assert.Single(listed.Json.GetProperty("items").EnumerateArray());
    }

    [Fact]
    public async Task Approve_asks_first_a_no_decides_nothing_a_yes_publishes_and_the_watch_and_the_claim_follow_it_to_the_end()
    {
        var contributor = await service.NewContributorAsync(Home);
        Assert.Equal(0, (await contributor.Mining.RunAsync(null, "settings", "--uploads", "on")).ExitCode);
        var submitted = await contributor.Mining.RunAsync(null, "submit", LearningFiles.Write(Files, "one.json"), "--json");
        var learning = submitted.Json.GetProperty("results")[0].GetProperty("learning");
        var (id, cid) = (learning.GetProperty("id").GetString()!, learning.GetProperty("cid").GetString()!);

        var declined = await contributor.Mining.RunAsync("n\n", "approve", id);
        var stillWaiting = await contributor.Mining.RunAsync(null, "status", id, "--json");
        var approved = await contributor.Mining.RunAsync("y\n", "approve", id);

        Assert.True(declined.ExitCode == 9, declined.ToString());
        Assert.Contains($"CID      {cid}", declined.Output, StringComparison.Ordinal);
        Assert.Contains("----- exact public bytes -----", declined.Output, StringComparison.Ordinal);
        Assert.Contains("Nothing was decided", declined.Error, StringComparison.Ordinal);
        Assert.Equal("AwaitingApproval", stillWaiting.Json.GetProperty("status").GetString());
        Assert.True(approved.ExitCode == 0, approved.ToString());
        Assert.Contains($"Approved {id} (CID {cid})", approved.Output, StringComparison.Ordinal);

        var watched = await contributor.Mining.RunAsync(null, "status", id, "--watch", "--interval", "0.5");
        Assert.True(watched.ExitCode == 0, watched + "\n" + service.Log);
        var stages = watched.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split("  ", StringSplitOptions.RemoveEmptyEntries)[2].Trim()).Distinct().ToList();
        Assert.Equal("Rewarded", stages[^1]);
        Assert.True(stages.Count >= 3, watched.Output);

        var claimed = await contributor.Mining.RunAsync(null, "claim", "--passphrase-env", "WALLET_PASSPHRASE");
        Assert.True(claimed.ExitCode == 0, claimed.ToString());
        Assert.Matches("transaction 0x[0-9a-f]{64}", claimed.Output);
        Assert.Contains("confirmed in block", claimed.Output, StringComparison.Ordinal);
        var rewards = (await contributor.Mining.RunAsync(null, "rewards", "--json")).Json;
        Assert.Equal(rewards.GetProperty("accrued").GetString(), rewards.GetProperty("tokenBalance").GetString());
        Assert.NotEqual("0", rewards.GetProperty("tokenBalance").GetString());
        Assert.Equal("0", rewards.GetProperty("claimable").GetString());
        var again = await contributor.Mining.RunAsync(null, "claim", "--passphrase-env", "WALLET_PASSPHRASE");
        Assert.True(again.ExitCode == 0 && again.Output.StartsWith("Nothing to claim", StringComparison.Ordinal), again.ToString());

        var receipt = Path.Combine(_root.FullName, "receipt.json");
        Assert.Equal(0, (await contributor.Mining.RunAsync(null, "receipt", "get", id, "--out", receipt)).ExitCode);
        var verified = await contributor.Mining.RunAsync(null, [
            "receipt", "verify", receipt, "--rpc", service.AnvilRpcUrl.ToString(), .. service.Gateways.SelectMany(g => new[] { "--gateway", g.ToString() }), "--json"]);
        Assert.True(verified.ExitCode == 0, verified.ToString());
        Assert.Equal(cid, verified.Json.GetProperty("cid").GetString());
    }

    [Fact]
    public async Task A_decision_through_the_API_naming_another_CID_is_refused_and_decides_nothing()
    {
        var contributor = await service.NewContributorAsync(Home);
        Assert.Equal(0, (await contributor.Mining.RunAsync(null, "settings", "--uploads", "on")).ExitCode);
        var submitted = await contributor.Mining.RunAsync(null, "submit", LearningFiles.Write(Files, "bound.json"), "--json");
        var id = submitted.Json.GetProperty("results")[0].GetProperty("learning").GetProperty("id").GetString()!;
        var other = (await contributor.Mining.RunAsync(null, "submit", LearningFiles.Write(Files, "other.json"), "--json"))
            .Json.GetProperty("results")[0].GetProperty("learning").GetProperty("cid").GetString()!;
        using var http = new HttpClient { BaseAddress = service.Url };
        http.DefaultRequestHeaders.Add("X-Api-Key", contributor.ApiKey);

        using var refused = await http.PostAsync(new Uri($"api/learnings/{id}/approve?cid={other}", UriKind.Relative), null);
        var status = await contributor.Mining.RunAsync(null, "status", id, "--json");

        Assert.Equal(System.Net.HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Contains("nothing was decided", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal("AwaitingApproval", status.Json.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Approve_with_yes_decides_without_asking_and_a_watch_of_many_prints_one_line_per_learning_until_all_are_rewarded()
    {
        var contributor = await service.NewContributorAsync(Home);
        Assert.Equal(0, (await contributor.Mining.RunAsync(null, "settings", "--uploads", "on")).ExitCode);
        LearningFiles.Write(Files, "first.json");
        LearningFiles.Write(Files, "second.json");
        var submitted = await contributor.Mining.RunAsync(null, "submit", Files, "--json");
        var ids = submitted.Json.GetProperty("results").EnumerateArray().Select(r => r.GetProperty("learning").GetProperty("id").GetString()!).ToList();

        foreach (var id in ids)
        {
            var approved = await contributor.Mining.RunAsync(null, "approve", id, "--yes");
            Assert.True(approved.ExitCode == 0, approved.ToString());
        }

        var watched = await contributor.Mining.RunAsync(null, "status", "--watch", "--interval", "0.5");

        Assert.True(watched.ExitCode == 0, watched + "\n" + service.Log);
        var lines = watched.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.All(lines, l => Assert.Single(ids, id => l.Contains(id, StringComparison.Ordinal)));
        Assert.All(ids, id => Assert.Contains(lines, l => l.Contains(id, StringComparison.Ordinal) && l.Contains("Rewarded", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task A_step_that_fails_after_its_retries_is_listed_as_a_dead_letter_and_a_replay_by_the_operator_takes_it_to_Rewarded()
    {
        var contributor = await service.NewContributorAsync(Home);
        var operatorCli = service.Operator(Home);
        Assert.Equal(0, (await contributor.Mining.RunAsync(null, "settings", "--uploads", "on")).ExitCode);
        var submitted = await contributor.Mining.RunAsync(null, "submit", LearningFiles.Write(Files, "failing.json"), "--json");
        var id = submitted.Json.GetProperty("results")[0].GetProperty("learning").GetProperty("id").GetString()!;
        service.Proxy.Set(FaultMode.Down);
        CliResult failed;
        try
        {
            Assert.Equal(0, (await contributor.Mining.RunAsync(null, "approve", id, "--yes")).ExitCode);
            failed = await contributor.Mining.RunAsync(null, "status", id, "--watch", "--interval", "0.5");
        }
        finally
        {
            service.Proxy.Set(FaultMode.Pass);
        }

        Assert.True(failed.ExitCode == 14, failed + "\n" + service.Log);
        Assert.Contains("DeadLettered", failed.Output, StringComparison.Ordinal);
        var listed = await operatorCli.RunAsync(null, "deadletters", "list", "--stage", "Pinning", "--json");
        Assert.Contains(listed.Json.GetProperty("items").EnumerateArray(), d => d.GetProperty("id").GetString() == $"dl_{id}");
        var shown = await operatorCli.RunAsync(null, "deadletters", "show", $"dl_{id}");
        Assert.Contains("Open", shown.Output, StringComparison.Ordinal);
        Assert.Contains("Created", shown.Output, StringComparison.Ordinal);

        var replayed = await operatorCli.RunAsync(null, "deadletters", "replay", $"dl_{id}");
        var again = await operatorCli.RunAsync(null, "deadletters", "replay", $"dl_{id}");
        var watched = await contributor.Mining.RunAsync(null, "status", id, "--watch", "--interval", "0.5");

        Assert.True(replayed.ExitCode == 0, replayed.ToString());
        Assert.Contains($"Replayed dl_{id}: its Pinning stage runs again (generation 1)", replayed.Output, StringComparison.Ordinal);
        Assert.Contains("already replayed", again.Output, StringComparison.Ordinal);
        Assert.True(watched.ExitCode == 0, watched + "\n" + service.Log);
        Assert.Contains("Rewarded", watched.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_read_command_with_json_writes_one_JSON_document()
    {
        var contributor = await service.NewContributorAsync(Home);
        var submitted = await contributor.Mining.RunAsync(null, "submit", LearningFiles.Write(Files, "read.json"), "--json");
        var id = submitted.Json.GetProperty("results")[0].GetProperty("learning").GetProperty("id").GetString()!;
        var operatorCli = service.Operator(Home);

        foreach (var (cli, arguments) in new (MiningProcess, string[])[]
        {
            (contributor.Mining, ["list"]), (contributor.Mining, ["list", "--status", "LocalOnly"]), (contributor.Mining, ["status"]),
            (contributor.Mining, ["status", id]), (contributor.Mining, ["show", id]), (contributor.Mining, ["settings"]),
            (contributor.Mining, ["rewards"]), (contributor.Mining, ["rewards", "--history"]),
            (operatorCli, ["deadletters", "list"]), (operatorCli, ["alerts"]), (operatorCli, ["metrics"]),
        })
        {
            var result = await cli.RunAsync(null, [.. arguments, "--json"]);
            Assert.True(result.ExitCode == 0, $"{string.Join(' ', arguments)}: {result}");
            using var document = JsonDocument.Parse(result.Output);
            Assert.Contains(document.RootElement.ValueKind, new[] { JsonValueKind.Object, JsonValueKind.Array });
        }

        var shown = (await contributor.Mining.RunAsync(null, "show", id, "--json")).Json;
        Assert.True(shown.GetProperty("cidVerified").GetBoolean());
        Assert.Equal(shown.GetProperty("bytes").GetInt32(), System.Text.Encoding.UTF8.GetByteCount(shown.GetProperty("document").GetString()!));
    }

    [Fact]
    public async Task A_wrong_API_key_is_one_readable_line_on_stderr_and_exit_code_10()
    {
        var mining = new MiningProcess(Home);
        mining.Environment["MINING_URL"] = service.Url.ToString();
        mining.Environment["MINING_API_KEY"] = "mk_not_a_key_of_this_service";

        var listed = await mining.RunAsync(null, "list");
        var asJson = await mining.RunAsync(null, "list", "--json");

        Assert.Equal(10, listed.ExitCode);
        Assert.Equal(string.Empty, listed.Output);
        Assert.Single(listed.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("error: GET /api/learnings: 401 Unauthorized: A working contributor API key is required", listed.Error, StringComparison.Ordinal);
        Assert.Equal(10, asJson.ExitCode);
        Assert.Equal(10, JsonDocument.Parse(asJson.Error).RootElement.GetProperty("exitCode").GetInt32());
        Assert.DoesNotContain("mk_not_a_key_of_this_service", listed.Error + asJson.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Login_checks_the_key_saves_it_owner_only_and_later_commands_use_it_without_ever_printing_it()
    {
        var contributor = await service.NewContributorAsync(Home);
        var mining = new MiningProcess(Home);
        mining.Environment["CLI_KEY"] = contributor.ApiKey;

        var refused = await mining.RunAsync("mk_wrong\n", "login", "--url", service.Url.ToString(), "--store", "file");
        var savedAfterRefusal = File.Exists(Path.Combine(Home, ".mining", "config.json"));
        var login = await mining.RunAsync(null, "login", "--url", service.Url.ToString(), "--api-key-env", "CLI_KEY", "--store", "file");
        var keyFile = Path.Combine(Home, ".mining", "api-key");
        var keyFileMode = File.GetUnixFileMode(keyFile);
        var savedKey = await File.ReadAllTextAsync(keyFile);
        var settings = await mining.RunAsync(null, "settings", "--uploads", "on", "--approval-timeout", "1.00:00:00", "--json");
        var logout = await mining.RunAsync(null, "logout");
        var afterwards = await mining.RunAsync(null, "list");

        Assert.True(refused.ExitCode == 10, refused.ToString());
        Assert.False(savedAfterRefusal);
        Assert.True(login.ExitCode == 0, login.ToString());
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, keyFileMode);
        Assert.Equal(contributor.ApiKey, savedKey);
        Assert.Contains("with a contributor key", login.Output, StringComparison.Ordinal);
        Assert.True(settings.ExitCode == 0, settings.ToString());
        Assert.True(settings.Json.GetProperty("uploadsEnabled").GetBoolean());
        Assert.Equal("1.00:00:00", settings.Json.GetProperty("approvalTimeout").GetString());
        Assert.Equal(0, logout.ExitCode);
        Assert.False(File.Exists(keyFile));
        Assert.Equal(2, afterwards.ExitCode);
        Assert.DoesNotContain(contributor.ApiKey, string.Concat(refused, login, settings, logout, afterwards), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Login_keeps_the_key_in_the_OS_keychain_under_the_service_URL_and_logout_removes_it()
    {
        using var session = await SecretServiceSession.StartAsync();
        var contributor = await service.NewContributorAsync(Home);
        var mining = new MiningProcess(Home);
        foreach (var (name, value) in session.Environment)
        {
            mining.Environment[name] = value;
        }

        mining.Environment["CLI_KEY"] = contributor.ApiKey;
        var url = service.Url.ToString();

        var login = await mining.RunAsync(null, "login", "--url", url, "--api-key-env", "CLI_KEY");
        var saved = await session.Keychain.FindAsync("mining-api", url);
        var settings = await mining.RunAsync(null, "settings", "--json");
        var logout = await mining.RunAsync(null, "logout");
        var afterLogout = await session.Keychain.FindAsync("mining-api", url);

        Assert.True(login.ExitCode == 0, login.ToString());
        Assert.Contains($"the OS keychain (service 'mining-api', account '{url}')", login.Output, StringComparison.Ordinal);
        Assert.Equal(contributor.ApiKey, saved);
        Assert.False(File.Exists(Path.Combine(Home, ".mining", "api-key")));
        Assert.True(settings.ExitCode == 0, settings.ToString());
        Assert.Equal(0, logout.ExitCode);
        Assert.Contains("the saved key was removed", logout.Output, StringComparison.Ordinal);
        Assert.Null(afterLogout);
        Assert.DoesNotContain(contributor.ApiKey, string.Concat(login, settings, logout), StringComparison.Ordinal);
    }
}
