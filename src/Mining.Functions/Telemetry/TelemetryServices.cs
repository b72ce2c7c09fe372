using System.Data.Common;
using Azure.Identity;
using Azure.Monitor.OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Mining.Functions.Options;

namespace Mining.Functions.Telemetry;

/// <summary>
/// Wires OpenTelemetry into a host: traces of the HTTP requests, the Durable Task orchestrations and activities, the
/// service's own spans and the outgoing HTTP calls (IPFS, JSON-RPC, webhooks; not the storage SDK's requests), and the
/// service's metrics with ASP.NET Core's and HttpClient's. Exported to Azure Monitor when
/// <c>APPLICATIONINSIGHTS_CONNECTION_STRING</c> is set, and to the console or OTLP by <c>Telemetry__Exporter</c>; with
/// neither, nothing is registered at all.
/// </summary>
internal static class TelemetryServices
{
    public const string ConnectionStringSetting = "APPLICATIONINSIGHTS_CONNECTION_STRING";
    public const string AuthenticationStringSetting = "APPLICATIONINSIGHTS_AUTHENTICATION_STRING";

    /// <summary>True when some exporter is configured, so the host's own OpenTelemetry additions are worth making.</summary>
    public static bool IsEnabled(IConfiguration configuration) =>
        TelemetryOptions.Read(configuration) is { Kind: not TelemetryExporter.None } || !string.IsNullOrWhiteSpace(configuration[ConnectionStringSetting]);

    /// <summary>Validates <c>Telemetry</c> at start-up and registers OpenTelemetry with the configured exporters.</summary>
    public static IServiceCollection AddMiningTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<TelemetryOptions>(configuration.GetSection("Telemetry"));
        if (!IsEnabled(configuration))
        {
            return services;
        }

        var options = TelemetryOptions.Read(configuration);
        var connectionString = configuration[ConnectionStringSetting];
        var azureMonitor = string.IsNullOrWhiteSpace(connectionString) ? null : AzureMonitor(connectionString, configuration);
        services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(MiningTelemetry.Name, serviceVersion: typeof(TelemetryServices).Assembly.GetName().Version?.ToString()))
            .WithTracing(tracing =>
            {
                tracing
                    .AddSource(MiningTelemetry.Name, MiningTelemetry.DurableTaskSource, MiningTelemetry.DurableTaskCoreSource)
                    .AddAspNetCoreInstrumentation()
                    .AddHttpClientInstrumentation(http => http.FilterHttpRequestMessage = request => !IsStorageRequest(request))
                    .AddProcessor(new TelemetryRedaction());
                switch (options?.Kind)
                {
                    case TelemetryExporter.Console:
                        tracing.AddConsoleExporter();
                        break;
                    case TelemetryExporter.Otlp:
                        tracing.AddOtlpExporter(otlp => Otlp(otlp, options));
                        break;
                }

                if (azureMonitor is not null)
                {
                    tracing.AddAzureMonitorTraceExporter(azureMonitor);
                }
            })
            .WithMetrics(metrics =>
            {
                metrics
                    .AddMeter(MiningTelemetry.Name)
                    .AddAspNetCoreInstrumentation()
                    .AddHttpClientInstrumentation();
                switch (options?.Kind)
                {
                    case TelemetryExporter.Console:
                        metrics.AddConsoleExporter();
                        break;
                    case TelemetryExporter.Otlp:
                        metrics.AddOtlpExporter(otlp => Otlp(otlp, options));
                        break;
                }

                if (azureMonitor is not null)
                {
                    metrics.AddAzureMonitorMetricExporter(azureMonitor);
                }
            });
        return services;
    }

    /// <summary>
    /// The Azure Monitor exporter's settings. With <c>Authorization=AAD</c> in the authentication string (Application
    /// Insights with local authentication off, as deployed) it signs in as the managed identity named there.
    /// </summary>
    private static Action<AzureMonitorExporterOptions> AzureMonitor(string connectionString, IConfiguration configuration)
    {
        var authentication = new DbConnectionStringBuilder { ConnectionString = configuration[AuthenticationStringSetting] ?? string.Empty };
        var entra = authentication.TryGetValue("Authorization", out var kind) && string.Equals(kind as string, "AAD", StringComparison.OrdinalIgnoreCase);
        var clientId = authentication.TryGetValue("ClientId", out var id) ? id as string : configuration["AZURE_CLIENT_ID"];
        return monitor =>
        {
            monitor.ConnectionString = connectionString;
            if (entra)
            {
                monitor.Credential = new DefaultAzureCredential(new DefaultAzureCredentialOptions
                {
                    ManagedIdentityClientId = string.IsNullOrWhiteSpace(clientId) ? null : clientId,
                });
            }
        };
    }

    private static void Otlp(OpenTelemetry.Exporter.OtlpExporterOptions otlp, TelemetryOptions options)
    {
        if (options.OtlpEndpoint is { } endpoint)
        {
            otlp.Endpoint = endpoint;
        }
    }

    /// <summary>The Azure Storage SDK's requests (app stores and the engine's queue polling): many, and not the pipeline's story.</summary>
    private static bool IsStorageRequest(HttpRequestMessage request) =>
        request.Headers.UserAgent.Any(p => p.Product?.Name?.StartsWith("azsdk-net", StringComparison.Ordinal) == true);
}
