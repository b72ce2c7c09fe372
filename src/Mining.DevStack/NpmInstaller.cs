using Mining.DevStack.Components;
using System.Diagnostics;
using System.Security.Cryptography;

namespace Mining.DevStack;

/// <summary>Runs <c>npm ci</c> in infra/local when node_modules is missing or was installed from another lock file.</summary>
/// <remarks>
/// Used by the stack before it starts a component, and by tests that run the stack's tools (node, cast, anvil) on their
/// own. Installs from several processes at once (test assemblies run in parallel) are serialised by a lock file beside
/// the package files, so one runs <c>npm ci</c> and the others then find it done.
/// </remarks>
public static class NpmInstaller
{
    private const string Marker = ".mining-lock-sha256";

    /// <summary>The lock file, in the infra folder (git ignores it), held while the packages are checked or installed.</summary>
    public const string InstallLockFile = ".npm-install.lock";

    /// <summary>Installs the packages pinned in <paramref name="infraDirectory"/>'s lock file unless they already are, and returns where the tools are.</summary>
    public static async Task<StackTools> EnsureInstalledAsync(string infraDirectory, TextWriter? log = null, CancellationToken cancellationToken = default)
    {
        log ??= TextWriter.Null;
        if (!Directory.Exists(infraDirectory))
        {
            throw new DevStackException($"{infraDirectory} does not exist: it holds the stack's package files. Restore it from git.");
        }

        // npm ci on a loaded machine takes minutes: the lock waits long enough for another process's install to finish.
        await using var guard = await StackLock.AcquireAsync(Path.Combine(infraDirectory, InstallLockFile), TimeSpan.FromMinutes(30), cancellationToken);
        var lockFile = Path.Combine(infraDirectory, "package-lock.json");
        if (!File.Exists(lockFile))
        {
            throw new DevStackException($"{lockFile} is missing: the stack's npm packages are pinned there. Restore it from git.");
        }

        var nodeModules = Path.Combine(infraDirectory, "node_modules");
        var marker = Path.Combine(nodeModules, Marker);
        var expected = Convert.ToHexStringLower(SHA256.HashData(await File.ReadAllBytesAsync(lockFile, cancellationToken)));
        if (!File.Exists(marker) || (await File.ReadAllTextAsync(marker, cancellationToken)).Trim() != expected)
        {
            await log.WriteLineAsync($"Installing the stack's npm packages (npm ci in {infraDirectory}) ...");
            var npm = FindOnPath("npm") ?? throw new ToolMissingException(
                "npm", "Install Node.js 18 or newer with npm (Debian: apt-get install nodejs npm); the stack's own Node.js 22 then comes from npm.");
            await RunAsync(npm, ["ci", "--no-audit", "--no-fund", "--loglevel=error"], infraDirectory, cancellationToken);
            await File.WriteAllTextAsync(marker, expected, cancellationToken);
        }

        var node = Path.Combine(nodeModules, "node", "bin", "node");
        if (!File.Exists(node))
        {
            throw new ToolMissingException(node, "The node@22 package did not install its binary: delete infra/local/node_modules and start again.");
        }

        return new StackTools(node, nodeModules);
    }

    private static async Task RunAsync(string file, IReadOnlyList<string> arguments, string directory, CancellationToken cancellationToken)
    {
        var info = new ProcessStartInfo(file) { WorkingDirectory = directory, RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        using var process = Process.Start(info) ?? throw new DevStackException($"Could not start {file}.");
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var errors = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        if (process.ExitCode != 0)
        {
            throw new DevStackException(
                $"'npm {string.Join(' ', arguments)}' in {directory} failed with exit code {process.ExitCode}:{Environment.NewLine}"
                + string.Join(Environment.NewLine, (await errors + await output).Split('\n').Take(12)));
        }
    }

    internal static string? FindOnPath(string tool) =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, tool))
            .FirstOrDefault(File.Exists);
}
