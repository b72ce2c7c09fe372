using System.Runtime.Versioning;
using Xunit;

namespace Mining.Testing;

/// <summary>A test class whose every test gets a <see cref="SecretServiceSession"/> of its own (an empty keyring).</summary>
[UnsupportedOSPlatform("windows")]
public abstract class SecretServiceTest : IAsyncLifetime
{
    private SecretServiceSession? _session;

    protected SecretServiceSession Session => _session ?? throw new InvalidOperationException("The Secret Service session starts in InitializeAsync.");

    public async Task InitializeAsync() => _session = await SecretServiceSession.StartAsync();

    public Task DisposeAsync()
    {
        _session?.Dispose();
        return Task.CompletedTask;
    }
}
