namespace Mining.DevStack;

/// <summary>An exclusive lock held across processes (an flock on a lock file): on the state folder, on the npm install, or (tests) on shared state of the stack.</summary>
public sealed class StackLock : IAsyncDisposable
{
    private readonly FileStream _stream;

    private StackLock(FileStream stream) => _stream = stream;

    /// <summary>Locks the state folder (its <c>lock</c> file).</summary>
    public static Task<StackLock> AcquireAsync(string stateDirectory, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(stateDirectory);
        return AcquireAsync(Path.Combine(stateDirectory, "lock"), TimeSpan.FromMinutes(10), cancellationToken);
    }

    /// <summary>Locks <paramref name="path"/>, waiting up to <paramref name="wait"/> for another holder to let go.</summary>
    public static async Task<StackLock> AcquireAsync(string path, TimeSpan wait, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + wait;
        while (true)
        {
            try
            {
                return new StackLock(new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
            }
            catch (IOException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(200, cancellationToken);
            }
        }
    }

    public ValueTask DisposeAsync() => _stream.DisposeAsync();
}
