using Mining.Functions.Options;


namespace Mining.Functions.Tests.Options;

public sealed class AvailabilityOptionsTests
{
    [Fact]
    public void The_defaults_check_hourly_sixteen_at_a_time()
    {
        var options = new AvailabilityOptions();

        Assert.True(options.Enabled);
        Assert.Equal(TimeSpan.FromHours(1), options.CheckInterval);
        Assert.Equal(16, options.MaxParallelChecks);
        Assert.Empty(options.Validate());
    }

    [Theory]
    [InlineData("00:00:00", 16, "Availability__CheckInterval")]
    [InlineData("-00:00:05", 16, "Availability__CheckInterval")]
    [InlineData("01:00:00", 0, "Availability__MaxParallelChecks")]
    [InlineData("01:00:00", 65, "Availability__MaxParallelChecks")]
    public void A_wrong_setting_is_named_with_an_example(string interval, int parallel, string named)
    {
        var options = new AvailabilityOptions { CheckInterval = TimeSpan.Parse(interval, System.Globalization.CultureInfo.InvariantCulture), MaxParallelChecks = parallel };

        var error = Assert.Single(options.Validate());

        Assert.Contains(named, error, StringComparison.Ordinal);
        Assert.Contains("e.g.", error, StringComparison.Ordinal);
    }
}
