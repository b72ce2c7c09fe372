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
            LongTimerThreshold = TimeSpan.FromSeconds(-1),
            StorageProvider = new DurableStorageProviderOptions { PartitionCount = 17 },
        };

        var result = new DurableTaskOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains(result.Failures!, f => f.Contains("extensions:durableTask:hubName", StringComparison.Ordinal));
        Assert.Contains(result.Failures!, f => f.Contains("maxConcurrentActivityFunctions", StringComparison.Ordinal));
        Assert.Contains(result.Failures!, f => f.Contains("storageProvider:partitionCount", StringComparison.Ordinal));
        Assert.Contains(result.Failures!, f => f.Contains("maxInlineActivities", StringComparison.Ordinal));
        Assert.Contains(result.Failures!, f => f.Contains("extensions:durableTask:longTimerThreshold is -00:00:01", StringComparison.Ordinal));
        Assert.Equal(5, result.Failures!.Count());
    }

    [Fact]
    public void The_defaults_are_valid_and_park_timers_longer_than_five_minutes()
    {
        Assert.True(new DurableTaskOptionsValidator().Validate(null, new DurableTaskOptions()).Succeeded);
        Assert.Equal(TimeSpan.FromMinutes(5), new DurableTaskOptions().LongTimerThreshold);
    }

    [Fact]
    public void Parking_off_is_valid()
    {
        Assert.True(new DurableTaskOptionsValidator().Validate(null, new DurableTaskOptions { LongTimerThreshold = TimeSpan.Zero }).Succeeded);
    }
}
