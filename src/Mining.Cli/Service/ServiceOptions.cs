using System.CommandLine;

namespace Mining.Cli.Service;

/// <summary>The options every command that talks to the service takes; one instance per command.</summary>
internal sealed class ServiceOptions
{
    public const string UrlVariable = "MINING_URL";
    public const string KeyVariable = "MINING_API_KEY";

    public Option<string?> Url { get; } = new("--url")
    {
        Description = $"The service, e.g. http://localhost:7071 (default: ${UrlVariable}, else the URL saved by 'mining login').",
        HelpName = "URL",
    };

    public Option<string?> ApiKey { get; } = new("--api-key")
    {
        Description = $"The API key (default: ${KeyVariable}, else the key saved by 'mining login'). Visible to other local users in the process list: prefer the others.",
        HelpName = "KEY",
    };

    public Option<bool> Json { get; } = new("--json")
    {
        Description = "Write the result (or the error) as JSON.",
    };

    public void AddTo(Command command)
    {
        command.Options.Add(Url);
        command.Options.Add(ApiKey);
        command.Options.Add(Json);
    }

    public bool IsJson(ParseResult parseResult) => parseResult.GetValue(Json);

    /// <summary>The connection from the options, then the environment, then the saved login.</summary>
    public async Task<Connection> ResolveAsync(ParseResult parseResult, CancellationToken cancellationToken)
    {
        var saved = CliConfig.Load();
        var urlText = parseResult.GetValue(Url) ?? Environment.GetEnvironmentVariable(UrlVariable) ?? saved?.Url;
        if (string.IsNullOrWhiteSpace(urlText))
        {
            throw new CliException(ExitCodes.Usage, $"No service URL: pass --url, set {UrlVariable}, or run 'mining login --url URL' once.");
        }

        var url = ParseUrl(urlText, "--url");
        var key = parseResult.GetValue(ApiKey) ?? Environment.GetEnvironmentVariable(KeyVariable);
        if (string.IsNullOrEmpty(key) && saved is not null && string.Equals(saved.Url, url.ToString(), StringComparison.OrdinalIgnoreCase))
        {
            key = await ApiKeyStore.FindAsync(saved, cancellationToken);
        }

        if (string.IsNullOrEmpty(key))
        {
            throw new CliException(ExitCodes.Unauthorized, $"No API key for {url}: pass --api-key, set {KeyVariable}, or run 'mining login --url {url}' once.");
        }

        return new Connection(url, key);
    }

    /// <summary>An absolute http(s) URL, normalized to end with a slash.</summary>
    public static Uri ParseUrl(string text, string option) =>
        Uri.TryCreate(text.Trim(), UriKind.Absolute, out var url) && (url.Scheme == Uri.UriSchemeHttp || url.Scheme == Uri.UriSchemeHttps)
            ? new Uri(url.GetLeftPart(UriPartial.Path).TrimEnd('/') + "/")
            : throw new CliException(ExitCodes.Usage, $"{option} must be an absolute http(s) URL such as http://localhost:7071, not '{text}'.");
}
