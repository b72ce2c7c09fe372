namespace Mining.Testing;

/// <summary>
/// The operator-wide pause is one row in the storage account, and every test process's app shares the stack's Azurite
/// account: tests that pause and resume all uploads take turns through this lock (an flock on a file in the stack's
/// state folder), so one test's resume never ends another's pause.
/// </summary>
public sealed class OperatorPauseTurn : IAsyncDisposable
{
    private readonly FileStream _lock;

    private OperatorPauseTurn(FileStream @lock) => _lock = @lock;

    /// <summary>Waits (up to five minutes) until no other test holds the turn.</summary>
    public static async Task<OperatorPauseTurn> TakeAsync()
    {
        var folder = DevStackFixture.Manager.Options.StateDirectory;
        Directory.CreateDirectory(folder);
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(5);
        while (true)
        {
            try
            {
                return new OperatorPauseTurn(new FileStream(Path.Combine(folder, "operator-pause.lock"), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
            }
            catch (IOException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(200);
            }
        }
    }

    public ValueTask DisposeAsync() => _lock.DisposeAsync();
}
