using System.Diagnostics;

namespace Mining.Ethereum.Tests.Support;

/// <summary>Runs Foundry's <c>cast</c> (npm @foundry-rs/cast, pinned in infra/local) as an independent implementation to compare against.</summary>
internal static class Cast
{
    public static string Run(params string[] arguments)
    {
        var start = new ProcessStartInfo(RepoPaths.NodeBin("cast"))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("cast did not start.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"cast {string.Join(' ', arguments)} failed: {error.Result}");
        }

        return output.Result.Trim();
    }
}
