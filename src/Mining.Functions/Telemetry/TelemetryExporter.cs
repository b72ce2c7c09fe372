namespace Mining.Functions.Telemetry;

/// <summary>Where traces and metrics go locally (<c>Telemetry__Exporter</c>); Azure Monitor is chosen by its connection string.</summary>
internal enum TelemetryExporter
{
    None,
    Console,
    Otlp,
}
