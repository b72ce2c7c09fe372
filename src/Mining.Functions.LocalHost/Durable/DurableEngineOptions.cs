using System.Globalization;

namespace Mining.Functions.LocalHost.Durable;

/// <summary>
/// The Durable Task settings the local host reads from <c>host.json</c>, under the names the Azure Functions host uses
/// (<c>extensions:durableTask</c>), so one <c>host.json</c> configures the engine on Azure and here alike.
/// </summary>
internal sealed record DurableEngineOptions(
    string HubName, int PartitionCount, int MaxConcurrentActivities, int MaxConcurrentOrchestrations, TimeSpan MaxQueuePollingInterval,
    TimeSpan ControlQueueVisibilityTimeout, TimeSpan WorkItemQueueVisibilityTimeout)
{
    public const string Section = "extensions:durableTask";

    public static DurableEngineOptions From(IConfiguration configuration)
    {
        var section = configuration.GetSection(Section);
        var hub = section["hubName"] is { Length: > 0 } name ? name : "MiningTaskHub";
        var errors = new List<string>();
        if (hub.Length is < 3 or > 45 || !char.IsAsciiLetter(hub[0]) || !hub.All(char.IsAsciiLetterOrDigit))
        {
            errors.Add($"'{Section}:hubName' must be 3 to 45 letters and digits starting with a letter, not '{hub}'.");
        }

        var partitions = Int(section, "storageProvider:partitionCount", 4, 1, 16, errors);
        var activities = Int(section, "maxConcurrentActivityFunctions", 16, 1, 1000, errors);
        var orchestrations = Int(section, "maxConcurrentOrchestratorFunctions", 16, 1, 1000, errors);
        var polling = Interval(section, "storageProvider:maxQueuePollingInterval", TimeSpan.FromSeconds(2));
        // How long a message a host took stays invisible to the others: after a host dies, its work waits this long.
        var controlVisibility = Interval(section, "storageProvider:controlQueueVisibilityTimeout", TimeSpan.FromMinutes(5));
        var workItemVisibility = Interval(section, "storageProvider:workItemQueueVisibilityTimeout", TimeSpan.FromMinutes(5));
        if (errors.Count > 0)
        {
            throw new InvalidOperationException("host.json: " + string.Join(" ", errors), new FormatException());
        }

        return new DurableEngineOptions(hub, partitions, activities, orchestrations, polling, controlVisibility, workItemVisibility);
    }

    private static TimeSpan Interval(IConfigurationSection section, string key, TimeSpan fallback) =>
        section[key] is { Length: > 0 } text && TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out var interval) && interval > TimeSpan.Zero
            ? interval
            : fallback;

    private static int Int(IConfigurationSection section, string key, int fallback, int min, int max, List<string> errors)
    {
        if (section[key] is not { Length: > 0 } text)
        {
            return fallback;
        }

        if (int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max)
        {
            return value;
        }

        errors.Add($"'{Section}:{key}' must be a whole number from {min} to {max}, not '{text}'.");
        return fallback;
    }
}
