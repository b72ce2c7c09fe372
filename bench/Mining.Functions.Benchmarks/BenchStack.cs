using Mining.DevStack;
using Mining.DevStack.Components;

namespace Mining.Functions.Benchmarks;

/// <summary>
/// The dev stack a run measures on. By default a fresh one of its own, in a new temporary state folder, so nothing an
/// earlier run left in Azurite (a large table database, leftover queue messages) slows this one; disposing it stops its
/// processes and deletes the folder, also after a failed or partial run. With <c>--reuse-stack</c> the repository's
/// shared stack (started or reused, and left running).
/// </summary>
internal sealed class BenchStack : IAsyncDisposable
{
    private readonly DevStackManager _manager;

    private BenchStack(DevStackManager manager, bool fresh, UpResult up)
    {
        _manager = manager;
        Fresh = fresh;
        Up = up;
    }

    /// <summary>True for a stack of the run's own; false for the shared one.</summary>
    public bool Fresh { get; }

    public UpResult Up { get; }

    /// <summary>The stack's state folder; the app process gets it as <c>MINING_DEVSTACK_DIR</c> so it uses the same stack.</summary>
    public string StateDirectory => _manager.Options.StateDirectory;

    public static async Task<BenchStack> UpAsync(BenchOptions options, CancellationToken cancellationToken)
    {
        var shared = DevStackOptions.ForRepository() with { AnvilBlockTimeSeconds = options.BlockTimeSeconds };
        var fresh = !options.ReuseStack;
        var manager = new DevStackManager(fresh
            ? shared with { StateDirectory = Path.Combine(Path.GetTempPath(), $"mining-functions-bench-stack-{Environment.ProcessId}-{Guid.NewGuid():N}") }
            : shared);
        try
        {
            return new BenchStack(manager, fresh, await manager.UpAsync(Console.Out, cancellationToken));
        }
        catch when (fresh)
        {
            await RemoveAsync(manager);
            throw;
        }
    }

    /// <summary>The stack's components (azurite, anvil, maildev, ipfs-a, ipfs-b) with their process ids, from its state file.</summary>
    public IReadOnlyList<ComponentState> Components() => StackState.Load(StateDirectory)?.Components ?? [];

    public async ValueTask DisposeAsync()
    {
        if (Fresh)
        {
            await RemoveAsync(_manager);
            Console.WriteLine($"Dev stack: stopped the run's own stack and deleted {StateDirectory}");
        }
    }

    private static async Task RemoveAsync(DevStackManager manager)
    {
        await manager.DownAsync(CancellationToken.None);
        try
        {
            Directory.Delete(manager.Options.StateDirectory, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
        }
    }
}
