using System.Diagnostics;
using Mining.DevStack;
using Mining.DevStack.Components;

namespace Mining.Testing;

/// <summary>
/// The tools the local stack's npm packages install in infra/local (Node.js 22 with the stack's packages, Foundry's
/// cast and anvil, solc): installed on first use, the same way the dev stack installs them (<c>npm ci</c>, once per
/// checkout, test assemblies in parallel waiting on one install), so a test needs no stack start and no warm-up step
/// before it runs one.
/// </summary>
public static class LocalTools
{
    /// <summary>infra/local, which holds the stack's package files and scripts.</summary>
    public static string InfraDirectory { get; } = DevStackOptions.ForRepository().InfraDirectory;

    private static readonly Lazy<Task<StackTools>> Installing = new(
        () => Task.Run(() => NpmInstaller.EnsureInstalledAsync(InfraDirectory)));

    /// <summary>Installs the packages unless they already are (once per process), and returns where the tools are.</summary>
    public static Task<StackTools> EnsureInstalledAsync() => Installing.Value;

    /// <summary>The installed tools, for synchronous callers (installing them first when needed).</summary>
    public static StackTools Installed => EnsureInstalledAsync().GetAwaiter().GetResult();

    /// <summary>Node.js 22 of the node@22 package.</summary>
    public static string Node => Installed.Node;

    /// <summary>
    /// The native binary of a Foundry tool (<c>anvil</c>, <c>cast</c>) from its platform package under @foundry-rs, not
    /// the Node.js launcher in node_modules/.bin: killing it ends the tool itself.
    /// </summary>
    public static string Foundry(string tool)
    {
        var foundry = Path.Combine(Installed.NodeModules, "@foundry-rs");
        var binary = OperatingSystem.IsWindows() ? tool + ".exe" : tool;
        return (Directory.Exists(foundry)
                ? Directory.GetDirectories(foundry, tool + "-*").Select(d => Path.Combine(d, "bin", binary)).FirstOrDefault(File.Exists)
                : null)
            ?? throw new InvalidOperationException(
                $"No {tool} binary under {foundry}: the @foundry-rs/{tool} package did not install its platform package. Delete infra/local/node_modules and run again.");
    }

    /// <summary>
    /// Runs <paramref name="executable"/> in infra/local (so the stack's npm packages resolve) with
    /// <paramref name="input"/> on its standard input, and returns its standard output; a non-zero exit throws with its errors.
    /// </summary>
    public static string Run(string executable, IEnumerable<string> arguments, string? input = null)
    {
        var start = new ProcessStartInfo(executable)
        {
            WorkingDirectory = InfraDirectory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{executable} did not start.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (input is not null)
        {
            process.StandardInput.Write(input);
        }

        process.StandardInput.Close();
        process.WaitForExit();
        return process.ExitCode == 0
            ? output.Result
            : throw new InvalidOperationException(
                $"{Path.GetFileName(executable)} {string.Join(' ', start.ArgumentList.Take(2))} exited with {process.ExitCode}: {error.Result}");
    }
}

/// <summary>Foundry's <c>cast</c> from infra/local, an independent implementation to check ours against.</summary>
public static class Cast
{
    /// <summary>Runs <c>cast</c> with <paramref name="arguments"/> and returns its trimmed output.</summary>
    public static string Run(params string[] arguments) => LocalTools.Run(LocalTools.Installed.Bin("cast"), arguments).Trim();
}

/// <summary>The stack's Node.js 22, run in infra/local so its npm packages (solc, OpenZeppelin, Helia, …) resolve.</summary>
public static class StackNode
{
    /// <summary>Runs node with <paramref name="arguments"/> and returns its trimmed output.</summary>
    public static string Run(params string[] arguments) => LocalTools.Run(LocalTools.Node, arguments).Trim();

    /// <summary>Runs the reference script infra/local/check/<paramref name="script"/> on <paramref name="input"/> and returns its output as printed.</summary>
    public static string Check(string script, string input) =>
        LocalTools.Run(LocalTools.Node, [Path.Combine(LocalTools.InfraDirectory, "check", script)], input);
}
