using System.Text.Json;

namespace Mining.Cli.Service;

/// <summary>
/// What <c>mining login</c> saves in <c>~/.mining/config.json</c> (0600): the service URL, where its API key is kept
/// (<c>keychain</c> or <c>file</c>) and optionally the chain's RPC URL for <c>mining claim</c>. Never the key itself.
/// </summary>
internal sealed record CliConfig(string Url, string KeyStore, string? RpcUrl)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static string Directory => Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".mining");

    public static string FilePath => Path.Combine(Directory, "config.json");

    public static CliConfig? Load()
    {
        if (!File.Exists(FilePath))
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<CliConfig>(File.ReadAllText(FilePath), Json)
                ?? throw new CliException(ExitCodes.Usage, $"{FilePath} is empty: run 'mining login' again.");
        }
        catch (JsonException e)
        {
            throw new CliException(ExitCodes.Usage, $"{FilePath} is not a mining CLI configuration ({e.Message}): run 'mining logout', then 'mining login' again.");
        }
    }

    public void Save() => OwnerOnlyFile.Write(FilePath, JsonSerializer.Serialize(this, Json));

    public static bool Delete()
    {
        var existed = File.Exists(FilePath);
        File.Delete(FilePath);
        return existed;
    }
}
