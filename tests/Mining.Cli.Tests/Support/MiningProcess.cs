using System.Diagnostics;

namespace Mining.Cli.Tests.Support;

/// <summary>
/// Runs the built <c>mining</c> CLI as a child process with its own HOME, environment and standard input — from the CLI
/// project's own output folder, with its own dependencies (this test folder also holds the local host, whose ASP.NET
/// Core framework leaves some of the CLI's packages out).
/// </summary>
public sealed class MiningProcess(string home)
{
    private static readonly string CliPath = FindCli();

    public Dictionary<string, string> Environment { get; } = [];

    public async Task<CliResult> RunAsync(string? input, params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(CliPath);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["HOME"] = home;
        foreach (var (name, value) in Environment)
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start)!;
        if (input is not null)
        {
            await process.StandardInput.WriteAsync(input);
        }

        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await process.WaitForExitAsync(timeout.Token);
        return new CliResult(process.ExitCode, await output, await error);
    }

    /// <summary><c>src/Mining.Cli/bin/{Configuration}/{Framework}/mining.dll</c>, built in the same configuration as these tests.</summary>
    private static string FindCli()
    {
        var output = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var framework = output.Name;
        var configuration = output.Parent!.Name;
        for (var directory = output; directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "src", "Mining.Cli", "bin", configuration, framework, "mining.dll");
            if (File.Exists(Path.Combine(directory.FullName, "Mining.Functions.sln")))
            {
                return File.Exists(candidate) ? candidate : throw new FileNotFoundException($"The CLI is not built at {candidate}: build src/Mining.Cli first.");
            }
        }

        throw new InvalidOperationException("Could not find the repository root above the test output folder.");
    }
}
