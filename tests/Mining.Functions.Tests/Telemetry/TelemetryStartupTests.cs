using System.Diagnostics;

namespace Mining.Functions.Tests.Telemetry;

public sealed class TelemetryStartupTests
{
    [Fact]
    public async Task An_unknown_exporter_stops_the_local_host_with_a_message_naming_the_setting_and_its_values()
    {
        var app = Path.Combine(AppContext.BaseDirectory, "Mining.Functions.LocalHost.dll");
        var info = new ProcessStartInfo("dotnet", [app, "--urls", "http://127.0.0.1:0"])
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        info.Environment["KeyProvider__Kind"] = "Environment";
        info.Environment["Telemetry__Exporter"] = "jaeger";
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);

        var message = await errors;
        Assert.True(process.ExitCode == 1, $"exit {process.ExitCode}\n{await output}\n{message}");
        Assert.Contains("""'Telemetry:Exporter' (Values: "Telemetry__Exporter") is 'jaeger'; use none""", message, StringComparison.Ordinal);
        Assert.Contains("console", message, StringComparison.Ordinal);
        Assert.Contains("otlp", message, StringComparison.Ordinal);
    }
}
