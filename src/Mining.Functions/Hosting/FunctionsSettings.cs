using System.Text.Json;

namespace Mining.Functions.Hosting;

/// <summary>
/// Reads settings the way the Azure Functions host does: <c>host.json</c> for host and engine settings, and the
/// <c>Values</c> of <c>local.settings.json</c> as configuration, where <c>__</c> separates sections
/// (<c>Chain__Confirmations</c> is <c>Chain:Confirmations</c>). Environment variables and the command line win.
/// </summary>
internal static class FunctionsSettings
{
    public const string LocalSettingsFile = "local.settings.json";
    public const string SampleSettingsFile = "local.settings.sample.json";

    public static void AddFunctionsSettings(this ConfigurationManager configuration, string contentRoot, string[] args)
    {
        var hostJson = FindUpwards(AppContext.BaseDirectory, "host.json") ?? FindUpwards(contentRoot, "host.json");
        if (hostJson is not null)
        {
            configuration.AddJsonFile(hostJson, optional: false, reloadOnChange: false);
        }

        var settings = FindUpwards(contentRoot, LocalSettingsFile) ?? FindUpwards(contentRoot, SampleSettingsFile);
        if (settings is not null)
        {
            configuration.AddInMemoryCollection(ReadValues(settings));
            configuration["Settings:Source"] = settings;
        }

        configuration.AddEnvironmentVariables();
        configuration.AddCommandLine(args);
    }

    /// <summary>The <c>Values</c> object of a local.settings.json file, keys with <c>__</c> turned into sections.</summary>
    public static Dictionary<string, string?> ReadValues(string path)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        var values = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        if (document.RootElement.TryGetProperty("Values", out var section))
        {
            foreach (var property in section.EnumerateObject())
            {
                values[property.Name.Replace("__", ":", StringComparison.Ordinal)] =
                    property.Value.ValueKind == JsonValueKind.String ? property.Value.GetString() : property.Value.GetRawText();
            }
        }

        return values;
    }

    private static string? FindUpwards(string start, string fileName)
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, fileName);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }
}
