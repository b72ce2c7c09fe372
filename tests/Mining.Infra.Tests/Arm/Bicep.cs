using System.Diagnostics;
using System.Reflection;

namespace Mining.Infra.Tests.Arm;

/// <summary>The bicep compiler restored from the Azure.Bicep.CommandLine.linux-x64 package.</summary>
internal static class Bicep
{
    public static string ExecutablePath { get; } = FindExecutable();

    /// <summary>Compiles a .bicep file to ARM JSON; the diagnostics are what bicep printed on stderr (empty: none).</summary>
    public static async Task<(string Json, string Diagnostics)> BuildAsync(string bicepFile)
    {
        var start = new ProcessStartInfo(ExecutablePath)
        {
            ArgumentList = { "build", bicepFile, "--stdout" },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {ExecutablePath}.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        var diagnostics = (await error).Trim();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"bicep build {bicepFile} failed with exit code {process.ExitCode}:\n{diagnostics}");
        }

        return (await output, diagnostics);
    }

    private static string FindExecutable()
    {
        var path = typeof(Bicep).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "BicepPath").Value;
        if (string.IsNullOrEmpty(path) || !File.Exists(path))
        {
            throw new InvalidOperationException(
                $"The bicep compiler was not found at '{path}': restore tests/Mining.Infra.Tests (the Azure.Bicep.CommandLine.linux-x64 package carries it).");
        }

        if (!OperatingSystem.IsWindows() && !File.GetUnixFileMode(path).HasFlag(UnixFileMode.UserExecute))
        {
            File.SetUnixFileMode(path, File.GetUnixFileMode(path) | UnixFileMode.UserExecute);
        }

        return path;
    }
}
