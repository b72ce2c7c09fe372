using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Mining.Durable.Backend;
using Mining.Durable.Execution;
using Mining.Durable.Worker;

namespace Mining.Durable;

public static class DurableTaskServiceCollectionExtensions
{
    /// <summary>Registers the engine: a <see cref="DurableTaskClient"/> singleton and (unless disabled) a hosted worker.</summary>
    /// <remarks>Bind host.json settings with <c>services.Configure&lt;DurableTaskOptions&gt;(configuration.GetSection("extensions:durableTask"))</c>.
    /// Register an <see cref="IOrchestrationFailureSink"/> to record give-ups; the default logs them.</remarks>
    public static IServiceCollection AddDurableTask(this IServiceCollection services, Action<DurableTaskBuilder> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        var builder = new DurableTaskBuilder(services);
        configure(builder);
        var backendFactory = builder.BackendFactory
            ?? throw new InvalidOperationException("AddDurableTask needs a storage backend: call UseAzureStorage(...) or UseInMemory() on the builder.");

        services.AddOptions<DurableTaskOptions>().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<DurableTaskOptions>, DurableTaskOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.AddLogging();
        services.TryAddSingleton<IOrchestrationFailureSink, LoggingFailureSink>();
        services.AddSingleton(builder.Registry);
        services.AddSingleton(new DataConverter(builder.JsonOptions));
        services.AddSingleton(backendFactory);
        var runWorker = builder.RunWorker;
        services.AddSingleton(sp => new DurableTaskClient(
            sp.GetRequiredService<IDurableBackend>(), sp.GetRequiredService<DataConverter>(), sp.GetRequiredService<TimeProvider>(),
            runWorker ? sp.GetRequiredService<InstanceCache>() : null));
        services.AddSingleton(sp => new MessageDispatcher(
            sp.GetRequiredService<IDurableBackend>(), sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<IOptions<DurableTaskOptions>>().Value.LongTimerThreshold));
        services.AddSingleton(sp => new OrchestrationExecutor(sp.GetRequiredService<DurableTaskRegistry>(), sp, sp.GetRequiredService<DataConverter>(), sp.GetRequiredService<ILoggerFactory>()));
        services.AddSingleton(new InstanceCache());
        services.AddSingleton<WorkerSlots>();
        services.AddSingleton<OrchestrationMessageHandler>();
        services.AddSingleton<ActivityMessageHandler>();
        services.AddSingleton<ParkedTimerSweeper>();
        if (builder.RunWorker)
        {
            services.AddSingleton<DurableTaskWorker>();
            services.AddSingleton<IHostedService>(sp => sp.GetRequiredService<DurableTaskWorker>());
        }

        return services;
    }
}
