using System.CommandLine;
using System.Net;
using Spectre.Console;

namespace Mining.Cli.Service;

/// <summary>
/// <c>mining login --url URL</c>: checks an API key against the service (a contributor's or the operator's), then saves
/// the URL in <c>~/.mining/config.json</c> and the key in the OS keychain (or, with <c>--store file</c>, in the 0600 file
/// <c>~/.mining/api-key</c>). The key is read from a variable or a hidden prompt and never printed. <c>mining logout</c> removes both.
/// </summary>
internal static class LoginCommand
{
    public static Command Login()
    {
        var url = new Option<string>("--url") { Description = "The service, e.g. http://localhost:7071.", Required = true, HelpName = "URL" };
        var keyVariable = new Option<string?>("--api-key-env") { Description = "Take the API key from this environment variable instead of a hidden prompt.", HelpName = "VARIABLE" };
        var store = new Option<string>("--store")
        {
            Description = "Where the key is kept: the OS keychain (Secret Service, macOS Keychain, Windows Credential Manager) or the owner-only file ~/.mining/api-key.",
            DefaultValueFactory = _ => ApiKeyStore.Keychain,
            HelpName = "keychain|file",
        };
        store.AcceptOnlyFromAmong(ApiKeyStore.Keychain, ApiKeyStore.File);
        var rpc = new Option<string?>("--rpc") { Description = "Also save the chain's JSON-RPC URL for 'mining claim'.", HelpName = "URL" };
        var json = new Option<bool>("--json") { Description = "Write the result (or the error) as JSON." };
        var command = new Command("login", "Save the service URL and your API key (checked first; kept in the OS keychain) for later commands.")
        {
            url, keyVariable, store, rpc, json,
        };
        command.SetAction((parseResult, cancellationToken) => CliRunner.RunAsync(parseResult.GetValue(json), async () =>
        {
            var service = ServiceOptions.ParseUrl(parseResult.GetValue(url)!, "--url");
            var rpcUrl = parseResult.GetValue(rpc) is { } r ? ServiceOptions.ParseUrl(r, "--rpc").ToString() : CliConfig.Load()?.RpcUrl;
            var key = ReadKey(parseResult.GetValue(keyVariable));
            using var api = new MiningApi(new Connection(service, key));
            var role = await RoleAsync(api, cancellationToken);
            var where = parseResult.GetValue(store)!;
            await ApiKeyStore.SaveAsync(where, service, key, cancellationToken);
            new CliConfig(service.ToString(), where, rpcUrl).Save();
            var kept = where == ApiKeyStore.Keychain ? $"the OS keychain (service '{ApiKeyStore.KeychainService}', account '{service}')" : $"{ApiKeyStore.FilePath} (mode 0600)";
            if (!parseResult.GetValue(json))
            {
                Console.Out.WriteLine($"Signed in to {service} with {(role == "operator" ? "the operator's key" : "a contributor key")}; the key is kept in {kept}, the URL in {CliConfig.FilePath}.");
            }

            return new { url = service.ToString(), role, keyStore = where, config = CliConfig.FilePath };
        }));
        return command;
    }

    public static Command Logout()
    {
        var json = new Option<bool>("--json") { Description = "Write the result (or the error) as JSON." };
        var command = new Command("logout", "Forget the saved service URL and remove the saved API key.") { json };
        command.SetAction((parseResult, cancellationToken) => CliRunner.RunAsync(parseResult.GetValue(json), async () =>
        {
            var config = CliConfig.Load();
            var removed = config is not null && await ApiKeyStore.DeleteAsync(config, cancellationToken);
            CliConfig.Delete();
            if (!parseResult.GetValue(json))
            {
                Console.Out.WriteLine(config is null ? "Not signed in; nothing to forget." : $"Signed out of {config.Url}; the saved key {(removed ? "was removed" : "was already gone")}.");
            }

            return new { signedOut = config is not null, keyRemoved = removed };
        }));
        return command;
    }

    /// <summary>"contributor" when the key opens the contributor's settings, "operator" when it opens the operator's alerts.</summary>
    private static async Task<string> RoleAsync(MiningApi api, CancellationToken cancellationToken)
    {
        var contributor = await api.SendAsync(HttpMethod.Get, "api/settings", cancellationToken);
        if (contributor.IsSuccess)
        {
            return "contributor";
        }

        var operatorView = await api.SendAsync(HttpMethod.Get, "api/alerts", cancellationToken);
        if (operatorView.IsSuccess)
        {
            return "operator";
        }

        throw contributor.Status == HttpStatusCode.Unauthorized
            ? new CliException(ExitCodes.Unauthorized, $"{api.Url} refused the key as a contributor's and as the operator's; nothing was saved. Check the key (a rotated key stops after its grace period).")
            : new CliException(ApiResponse.ExitCodeOf(contributor.Status), contributor.Problem());
    }

    private static string ReadKey(string? variable)
    {
        string? key;
        if (variable is not null)
        {
            key = Environment.GetEnvironmentVariable(variable);
            if (string.IsNullOrWhiteSpace(key))
            {
                throw new CliException(ExitCodes.Usage, $"The environment variable {variable} is not set or empty: set it to your API key, or leave --api-key-env out to be asked.");
            }
        }
        else if (Console.IsInputRedirected)
        {
            key = Console.In.ReadLine();
        }
        else
        {
            key = AnsiConsole.Prompt(new TextPrompt<string>("API key:").Secret());
        }

        return string.IsNullOrWhiteSpace(key)
            ? throw new CliException(ExitCodes.Usage, "No API key was given: type it at the prompt, pipe it on standard input, or pass --api-key-env VARIABLE.")
            : key.Trim();
    }
}
