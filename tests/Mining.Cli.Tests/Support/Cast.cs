using System.Diagnostics;

namespace Mining.Cli.Tests.Support;

/// <summary>Foundry's <c>cast</c> from infra/local, an independent implementation to check the CLI against.</summary>
internal static class Cast
{
    public static string Run(params string[] arguments)
    {
        var start = new ProcessStartInfo(Path.Combine(RepoRoot(), "infra", "local", "node_modules", ".bin", "cast"))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        return process.ExitCode == 0
            ? output.Result.Trim()
            : throw new InvalidOperationException($"cast {arguments[0]} {arguments[1]} failed: {error.Result}");
    }

    private static string RepoRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Mining.Functions.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("Could not find the repository root above the test output folder.");
    }
}
