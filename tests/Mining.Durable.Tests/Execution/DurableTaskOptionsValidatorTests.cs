namespace Mining.Durable.Tests.Execution;

public sealed class DurableTaskOptionsValidatorTests
{
    [Fact]
    public void Every_wrong_setting_is_reported_by_its_host_json_name()
    {
        var options = new DurableTaskOptions
        {
            HubName = "bad-hub",
            MaxConcurrentActivityFunctions = 0,
            MaxInlineActivities = -1,
            StorageProvider = new DurableStorageProviderOptions { PartitionCount = 17 },
        };

        var result = new DurableTaskOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains(result.Failures!, f => f.Contains("extensions:durableTask:hubName", StringComparison.Ordinal));
        Assert.Contains(result.Failures!, f => f.Contains("maxConcurrentActivityFunctions", StringComparison.Ordinal));
        Assert.Contains(result.Failures!, f => f.Contains("storageProvider:partitionCount", StringComparison.Ordinal));
        Assert.Contains(result.Failures!, f => f.Contains("maxInlineActivities", StringComparison.Ordinal));
        Assert.Equal(4, result.Failures!.Count());
    }

    [Fact]
    public void The_defaults_are_valid()
    {
        Assert.True(new DurableTaskOptionsValidator().Validate(null, new DurableTaskOptions()).Succeeded);
    }
}
