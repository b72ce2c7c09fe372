using System.Diagnostics;
using Mining.Ethereum.Tests.Support;

namespace Mining.Contracts.Tests.Support;

/// <summary>Runs the pinned Node.js 22 of infra/local with infra/local as working directory (so its npm packages resolve).</summary>
internal static class Node
{
    public static string Run(params string[] arguments)
    {
        var infra = Path.Combine(RepoPaths.Root, "infra", "local");
        var start = new ProcessStartInfo(RepoPaths.NodeBin("node"))
        {
            WorkingDirectory = infra,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("node did not start.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"node {string.Join(' ', arguments.Take(1))} failed: {error.Result}");
        }

        return output.Result.Trim();
    }
}
