using Mining.Functions.Options;

namespace Mining.Functions.Telemetry;

/// <summary>
/// Where the service's OpenTelemetry traces and metrics go besides Azure Monitor (section <c>Telemetry</c>): nowhere by
/// default, the console, or an OTLP collector. Azure Monitor is used whenever <c>APPLICATIONINSIGHTS_CONNECTION_STRING</c>
/// is set, whatever this says.
/// </summary>
internal sealed class TelemetryOptions : IValidatedOptions
{
    /// <summary>The accepted values of <see cref="Exporter"/>.</summary>
    public static readonly IReadOnlyList<string> Exporters = ["none", "console", "otlp"];

    /// <summary><c>none</c> (the default), <c>console</c> (standard output) or <c>otlp</c> (<see cref="OtlpEndpoint"/>).</summary>
    public string Exporter { get; set; } = "none";

    /// <summary>The OTLP collector (gRPC); unset, the exporter's default and the <c>OTEL_EXPORTER_OTLP_*</c> variables apply.</summary>
    public Uri? OtlpEndpoint { get; set; }

    /// <summary>The exporter chosen, once <see cref="Validate"/> found nothing wrong.</summary>
    public TelemetryExporter Kind => Exporter.Trim().ToLowerInvariant() switch
    {
        "console" => TelemetryExporter.Console,
        "otlp" => TelemetryExporter.Otlp,
        _ => TelemetryExporter.None,
    };

    /// <summary>The section bound now, for the wiring that must be decided before the app is built; null when it is invalid.</summary>
    public static TelemetryOptions? Read(IConfiguration configuration)
    {
        var options = new TelemetryOptions();
        configuration.GetSection("Telemetry").Bind(options);
        return options.Validate().Any() ? null : options;
    }

    public IEnumerable<string> Validate()
    {
        if (!Exporters.Contains(Exporter.Trim().ToLowerInvariant()))
        {
            yield return $"{ValidatedOptionsExtensions.Setting("Telemetry:Exporter")} is '{Exporter}'; use none (the default: nothing is exported), "
                + "console (traces and metrics printed to standard output) or otlp (sent to an OpenTelemetry collector at Telemetry__OtlpEndpoint).";
        }

        if (OtlpEndpoint is not null && !ValidatedOptionsExtensions.IsHttpUrl(OtlpEndpoint))
        {
            yield return $"{ValidatedOptionsExtensions.Setting("Telemetry:OtlpEndpoint")} must be an absolute http(s) URL of an OTLP collector, e.g. http://localhost:4317.";
        }
        else if (OtlpEndpoint is not null && Kind != TelemetryExporter.Otlp && Exporters.Contains(Exporter.Trim().ToLowerInvariant()))
        {
            yield return $"{ValidatedOptionsExtensions.Setting("Telemetry:OtlpEndpoint")} is set but Telemetry__Exporter is '{Exporter}'; "
                + "set Telemetry__Exporter to otlp to use the collector, or remove the endpoint.";
        }
    }
}
