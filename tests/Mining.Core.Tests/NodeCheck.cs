using System.Diagnostics;

namespace Mining.Core.Tests;

/// <summary>Runs the independent reference scripts of <c>infra/local/check</c> with the pinned Node.js (run <c>npm ci</c> in infra/local first).</summary>
internal static class NodeCheck
{
    public static string Run(string script, string input)
    {
        var node = RepositoryFiles.PathOf("infra", "local", "node_modules", ".bin", "node");
        if (!File.Exists(node))
        {
            throw new InvalidOperationException($"Node.js not found at {node}; run 'npm ci' in infra/local.");
        }

        var start = new ProcessStartInfo(node, [RepositoryFiles.PathOf("infra", "local", "check", script)])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = RepositoryFiles.PathOf("infra", "local"),
        };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        process.StandardInput.Write(input);
        process.StandardInput.Close();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{script} exited with {process.ExitCode}: {error.Result}");
        }

        return output.Result;
    }
}
