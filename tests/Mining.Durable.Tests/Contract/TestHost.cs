using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Mining.Durable.Tests.Contract;

/// <summary>A worker and client built from the real DI registration, started like a host would.</summary>
public sealed class TestHost : IAsyncDisposable
{
    private readonly IHostedService[] _hosted;

    private TestHost(ServiceProvider services)
    {
        Services = services;
        Client = services.GetRequiredService<DurableTaskClient>();
        _hosted = services.GetServices<IHostedService>().ToArray();
    }

    public ServiceProvider Services { get; }

    public DurableTaskClient Client { get; }

    public static async Task<TestHost> StartAsync(Action<IServiceCollection> services, Action<DurableTaskBuilder> configure)
    {
        var collection = new ServiceCollection();
        services(collection);
        collection.AddDurableTask(configure);
        var host = new TestHost(collection.BuildServiceProvider());
        foreach (var hosted in host._hosted)
        {
            await hosted.StartAsync(CancellationToken.None);
        }

        return host;
    }

    public async ValueTask DisposeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        foreach (var hosted in _hosted)
        {
            await hosted.StopAsync(timeout.Token);
        }

        await Services.DisposeAsync();
    }
}
