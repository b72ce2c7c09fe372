using Mining.DevStack;
using Xunit;

namespace Mining.Testing;

/// <summary>
/// The local dev stack shared by every integration test in a run: started (or reused) once, left running afterwards
/// so the next run reuses it in well under two seconds. <c>dotnet run --project src/Mining.DevStack -- down</c> stops it.
/// </summary>
/// <remarks>
/// Use it as a collection fixture. When the stack cannot start, every test of the collection fails with the
/// component's own error (which component, its exit code or health check, and its log path).
/// </remarks>
public sealed class DevStackFixture : IAsyncLifetime
{
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static UpResult? _shared;

    public DevStackEndpoints Endpoints { get; private set; } = null!;

    /// <summary>The stack's manager, for tests that need its options (the repository's infra folder, the state folder).</summary>
    public static DevStackManager Manager { get; } = new(DevStackOptions.ForRepository());

    public async Task InitializeAsync()
    {
        await Gate.WaitAsync();
        try
        {
            _shared ??= await Manager.UpAsync();
            Endpoints = _shared.Endpoints;
        }
        finally
        {
            Gate.Release();
        }
    }

    public Task DisposeAsync() => Task.CompletedTask;
}
