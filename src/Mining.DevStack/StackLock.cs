namespace Mining.DevStack;

/// <summary>An exclusive lock on the state folder, held across processes (an flock on a lock file).</summary>
internal sealed class StackLock : IAsyncDisposable
{
    private readonly FileStream _stream;

    private StackLock(FileStream stream) => _stream = stream;

    public static async Task<StackLock> AcquireAsync(string stateDirectory, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(stateDirectory);
        var path = Path.Combine(stateDirectory, "lock");
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(10);
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
