using Mining.Testing;

namespace Mining.Functions.Tests.Telemetry;

public sealed class TelemetryStartupTests
{
    [Fact]
    public async Task An_unknown_exporter_stops_the_local_host_with_a_message_naming_the_setting_and_its_values()
    {
        await using var host = LocalHostProcess.Start(
            new Dictionary<string, string>
            {
                ["ASPNETCORE_ENVIRONMENT"] = "Production",
                ["KeyProvider:Kind"] = "Environment",
                ["Telemetry:Exporter"] = "jaeger",
            },
            "production");
        var exitCode = await host.WaitForExitAsync(TimeSpan.FromSeconds(60));

        var message = host.Output;
        Assert.True(exitCode == 1, $"exit {exitCode}\n{message}");
        Assert.Contains("""'Telemetry:Exporter' (Values: "Telemetry__Exporter") is 'jaeger'; use none""", message, StringComparison.Ordinal);
        Assert.Contains("console", message, StringComparison.Ordinal);
        Assert.Contains("otlp", message, StringComparison.Ordinal);
    }
}
