using Microsoft.Extensions.Options;

namespace Mining.Durable;

/// <summary>Checks the engine settings once at start-up and lists every wrong setting by its host.json name.</summary>
internal sealed class DurableTaskOptionsValidator : IValidateOptions<DurableTaskOptions>
{
    public ValidateOptionsResult Validate(string? name, DurableTaskOptions options)
    {
        var errors = new List<string>();
        if (!IsValidHubName(options.HubName))
        {
            errors.Add($"extensions:durableTask:hubName '{options.HubName}' must be 3–45 letters or digits starting with a letter.");
        }

        if (options.MaxConcurrentActivityFunctions < 1)
        {
            errors.Add("extensions:durableTask:maxConcurrentActivityFunctions must be at least 1.");
        }

        if (options.MaxConcurrentOrchestratorFunctions < 1)
        {
            errors.Add("extensions:durableTask:maxConcurrentOrchestratorFunctions must be at least 1.");
        }

        if (options.MaxInlineActivities < 0)
        {
            errors.Add("extensions:durableTask:maxInlineActivities must be 0 (off) or more.");
        }

        if (options.LongTimerThreshold < TimeSpan.Zero)
        {
            errors.Add($"extensions:durableTask:longTimerThreshold is {options.LongTimerThreshold}; it must be 00:00:00 (parking off) or a positive time span such as 00:05:00.");
        }

        var storage = options.StorageProvider;
        if (storage.PartitionCount is < 1 or > 16)
        {
            errors.Add("extensions:durableTask:storageProvider:partitionCount must be between 1 and 16.");
        }

        if (storage.ControlQueueBatchSize is < 1 or > 32)
        {
            errors.Add("extensions:durableTask:storageProvider:controlQueueBatchSize must be between 1 and 32.");
        }

        if (storage.ControlQueueVisibilityTimeout < TimeSpan.FromSeconds(1) || storage.WorkItemQueueVisibilityTimeout < TimeSpan.FromSeconds(1))
        {
            errors.Add("extensions:durableTask:storageProvider:controlQueueVisibilityTimeout and workItemQueueVisibilityTimeout must be at least 1 second.");
        }

        if (storage.MaxQueuePollingInterval < TimeSpan.FromMilliseconds(10))
        {
            errors.Add("extensions:durableTask:storageProvider:maxQueuePollingInterval must be at least 10 ms.");
        }

        if (storage.MaxDequeueCount < 1)
        {
            errors.Add("extensions:durableTask:storageProvider:maxDequeueCount must be at least 1.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    internal static bool IsValidHubName(string? hubName) =>
        hubName is { Length: >= 3 and <= 45 } && char.IsAsciiLetter(hubName[0]) && hubName.All(char.IsAsciiLetterOrDigit);
}
