using Microsoft.Extensions.Time.Testing;

namespace Mining.Ipfs.Tests.Support;

/// <summary>Fake time that a test advances while the code under test waits on it (no real sleeping).</summary>
internal sealed class FakeTime : FakeTimeProvider
{
    public FakeTime()
        : base(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero))
    {
    }

    /// <summary>Advances one second at a time (at most a simulated day) until <paramref name="task"/> completes.</summary>
    public async Task<T> RunUntilDone<T>(Task<T> task)
    {
        for (var i = 0; i < 86_400 && !task.IsCompleted; i++)
        {
            await Task.Yield();
            Advance(TimeSpan.FromSeconds(1));
        }

        return await task;
    }
}
