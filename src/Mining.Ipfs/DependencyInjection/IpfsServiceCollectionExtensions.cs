using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Mining.Ipfs.Gateways;
using Mining.Ipfs.Kubo;
using Mining.Ipfs.Pinning;

namespace Mining.Ipfs.DependencyInjection;

/// <summary>Registers the IPFS clients with <see cref="IHttpClientFactory"/>-managed HTTP clients.</summary>
/// <remarks>Options are validated when the first client is resolved; the error names every invalid setting.</remarks>
public static class IpfsServiceCollectionExtensions
{
    /// <summary>A <see cref="KuboClient"/> for a self-hosted node.</summary>
    public static IServiceCollection AddKuboClient(this IServiceCollection services, Action<KuboClientOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddOptions<KuboClientOptions>().Configure(configure).Validate(Valid<KuboClientOptions>(o => o.Validate()));
        services.AddHttpClient(nameof(KuboClient));
        services.AddSingleton(sp => new KuboClient(
            sp.GetRequiredService<IHttpClientFactory>().CreateClient(nameof(KuboClient)),
            sp.GetRequiredService<IOptions<KuboClientOptions>>().Value,
            sp.GetService<TimeProvider>(),
            sp.GetService<ILogger<KuboClient>>()));
        return services;
    }

    /// <summary>A <see cref="PinningServiceClient"/> per provider, resolved as a keyed service under <paramref name="name"/>.</summary>
    public static IServiceCollection AddPinningServiceClient(this IServiceCollection services, string name, Action<PinningServiceOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        services.AddOptions<PinningServiceOptions>(name)
            .Configure(o => o.Name = name)
            .Configure(configure)
            .Validate(Valid<PinningServiceOptions>(o => o.Validate($"Ipfs:Pinning:{name}")));
        services.AddHttpClient("pinning:" + name);
        services.AddKeyedSingleton(name, (sp, _) => new PinningServiceClient(
            sp.GetRequiredService<IHttpClientFactory>().CreateClient("pinning:" + name),
            sp.GetRequiredService<IOptionsMonitor<PinningServiceOptions>>().Get(name),
            sp.GetService<TimeProvider>(),
            sp.GetService<ILogger<PinningServiceClient>>()));
        return services;
    }

    /// <summary>A <see cref="GatewayVerifier"/> over the configured gateways.</summary>
    public static IServiceCollection AddGatewayVerifier(this IServiceCollection services, Action<GatewayVerifierOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddOptions<GatewayVerifierOptions>().Configure(configure).Validate(Valid<GatewayVerifierOptions>(o => o.Validate()));
        services.AddHttpClient(nameof(GatewayVerifier));
        services.AddSingleton(sp => new GatewayVerifier(
            sp.GetRequiredService<IHttpClientFactory>().CreateClient(nameof(GatewayVerifier)),
            sp.GetRequiredService<IOptions<GatewayVerifierOptions>>().Value,
            sp.GetService<TimeProvider>(),
            sp.GetService<ILogger<GatewayVerifier>>()));
        return services;
    }

    private static Func<T, bool> Valid<T>(Action<T> validate) => options =>
    {
        try
        {
            validate(options);
            return true;
        }
        catch (ArgumentException ex)
        {
            throw new OptionsValidationException(typeof(T).Name, typeof(T), [ex.Message]);
        }
    };
}
