using Mining.DevStack;

namespace Mining.Testing;

/// <summary>
/// The operator-wide pause is one row in the storage account, and every test process's app shares the stack's Azurite
/// account: tests that pause and resume all uploads take turns through this lock (a <see cref="StackLock"/> on a file in
/// the stack's state folder), so one test's resume never ends another's pause.
/// </summary>
public static class OperatorPauseTurn
{
    /// <summary>Waits (up to five minutes) until no other test holds the turn; disposing the result gives it back.</summary>
    public static async Task<StackLock> TakeAsync()
    {
        var folder = DevStackFixture.Manager.Options.StateDirectory;
        Directory.CreateDirectory(folder);
        return await StackLock.AcquireAsync(Path.Combine(folder, "operator-pause.lock"), TimeSpan.FromMinutes(5), CancellationToken.None);
    }
}
