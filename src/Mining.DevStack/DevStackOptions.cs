namespace Mining.DevStack;

/// <summary>Where the stack lives and how it starts.</summary>
public sealed record DevStackOptions
{
    /// <summary>The folder holding package.json, the lock file and node_modules of the stack (infra/local).</summary>
    public required string InfraDirectory { get; init; }

    /// <summary>Where the state file, pid records, logs and component data live.</summary>
    public required string StateDirectory { get; init; }

    /// <summary>
    /// Seconds between anvil's interval blocks (mixed mining: transactions are still mined at once, and empty blocks
    /// follow every interval so confirmations accrue); null mines only a block per transaction.
    /// </summary>
    public int? AnvilBlockTimeSeconds { get; init; } = 1;

    /// <summary>How long one component may take to pass its health check.</summary>
    public TimeSpan HealthTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Added to every default port, so two stacks (say, a test's private one) do not contend for the same ports.</summary>
    public int PortOffset { get; init; }

    /// <summary>
    /// Finds the repository from <paramref name="start"/> upwards (the folder holding Mining.Functions.sln) and uses
    /// its infra/local and .devstack folders. MINING_DEVSTACK_DIR overrides the state folder.
    /// </summary>
    public static DevStackOptions ForRepository(string? start = null)
    {
        var root = RepositoryRoot(start);
        var state = Environment.GetEnvironmentVariable("MINING_DEVSTACK_DIR");
        return new DevStackOptions
        {
            InfraDirectory = Path.Combine(root, "infra", "local"),
            StateDirectory = string.IsNullOrWhiteSpace(state) ? Path.Combine(root, ".devstack") : Path.GetFullPath(state),
        };
    }

    /// <summary>The repository's root: the folder holding Mining.Functions.sln above <paramref name="start"/> (else the current folder).</summary>
    public static string RepositoryRoot(string? start = null) =>
        FindRepositoryRoot(start ?? AppContext.BaseDirectory)
            ?? FindRepositoryRoot(Directory.GetCurrentDirectory())
            ?? throw new DevStackException(
                "Could not find the repository (a folder holding Mining.Functions.sln) above "
                + $"'{start ?? AppContext.BaseDirectory}'. Run from inside the repository.");

    private static string? FindRepositoryRoot(string start)
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Mining.Functions.sln")))
            {
                return dir.FullName;
            }
        }

        return null;
    }
}
