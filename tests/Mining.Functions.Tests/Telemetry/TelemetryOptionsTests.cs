using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using Mining.Functions.Telemetry;

namespace Mining.Functions.Tests.Telemetry;

public sealed class TelemetryOptionsTests
{
    [Fact]
    public void An_unknown_exporter_is_refused_with_the_setting_and_the_accepted_values()
    {
        var problems = Options(("Telemetry:Exporter", "jaeger")).Validate().ToList();

        var problem = Assert.Single(problems);
        Assert.Contains("Telemetry__Exporter", problem, StringComparison.Ordinal);
        Assert.Contains("'jaeger'", problem, StringComparison.Ordinal);
        Assert.Contains("none", problem, StringComparison.Ordinal);
        Assert.Contains("console", problem, StringComparison.Ordinal);
        Assert.Contains("otlp", problem, StringComparison.Ordinal);
        Assert.Null(TelemetryOptions.Read(Configuration(("Telemetry:Exporter", "jaeger"))));
    }

    [Fact]
    public void Telemetry_is_off_unless_an_exporter_or_application_insights_is_configured()
    {
        Assert.False(TelemetryServices.IsEnabled(Configuration()));
        Assert.Equal(TelemetryExporter.None, Options().Kind);
        Assert.True(TelemetryServices.IsEnabled(Configuration(("Telemetry:Exporter", "Console"))));
        Assert.True(TelemetryServices.IsEnabled(Configuration((TelemetryServices.ConnectionStringSetting, "InstrumentationKey=00000000-0000-0000-0000-000000000000"))));
    }

    [Theory]
    [InlineData("otlp", "not a url", "absolute http(s) URL")]
    [InlineData("console", "http://localhost:4317", "set Telemetry__Exporter to otlp")]
    public void An_otlp_endpoint_must_be_a_url_and_used_by_the_otlp_exporter(string exporter, string endpoint, string hint)
    {
        var problem = Assert.Single(Options(("Telemetry:Exporter", exporter), ("Telemetry:OtlpEndpoint", endpoint)).Validate());

        Assert.Contains("Telemetry__OtlpEndpoint", problem, StringComparison.Ordinal);
        Assert.Contains(hint, problem, StringComparison.Ordinal);
    }

    [Fact]
    public void An_otlp_exporter_with_its_endpoint_is_valid()
    {
        var options = Options(("Telemetry:Exporter", "otlp"), ("Telemetry:OtlpEndpoint", "http://localhost:4317"));

        Assert.Empty(options.Validate());
        Assert.Equal(TelemetryExporter.Otlp, options.Kind);
    }

    [Theory]
    [InlineData("http://127.0.0.1:5001/api/v0/add?cid-version=1&pin=true", "http://127.0.0.1:5001/api/v0/add")]
    [InlineData("https://gw.example.org/ipfs/bafkreia?format=raw", "https://gw.example.org/ipfs/bafkreia")]
    [InlineData("https://eth-sepolia.example.org/v2/secret-api-key", "https://eth-sepolia.example.org/REDACTED")]
    [InlineData("https://user:password@hooks.example.org/services/T0/B0/secret", "https://hooks.example.org/REDACTED")]
    public void Outgoing_urls_keep_only_their_origin_and_the_ipfs_protocol_paths(string url, string exported) =>
        Assert.Equal(exported, TelemetryRedaction.Outgoing(url));

    [Fact]
    public void With_an_application_insights_connection_string_the_host_builds_tracing_and_metrics_for_azure_monitor()
    {
        var configuration = Configuration(
            (TelemetryServices.ConnectionStringSetting, "InstrumentationKey=00000000-0000-0000-0000-000000000000;IngestionEndpoint=https://127.0.0.1:1/"),
            (TelemetryServices.AuthenticationStringSetting, "ClientId=11111111-1111-1111-1111-111111111111;Authorization=AAD"));
        var services = new ServiceCollection().AddLogging().AddMiningTelemetry(configuration);
        using var provider = services.BuildServiceProvider();

        Assert.NotNull(provider.GetService<TracerProvider>());
        Assert.NotNull(provider.GetService<MeterProvider>());
        Assert.Empty(provider.GetRequiredService<IOptions<TelemetryOptions>>().Value.Validate());
    }

    [Fact]
    public void Without_an_exporter_nothing_of_opentelemetry_is_registered()
    {
        using var provider = new ServiceCollection().AddLogging().AddMiningTelemetry(Configuration()).BuildServiceProvider();

        Assert.Null(provider.GetService<TracerProvider>());
        Assert.Null(provider.GetService<MeterProvider>());
    }

    private static TelemetryOptions Options(params (string Key, string Value)[] values) =>
        Configuration(values).GetSection("Telemetry").Get<TelemetryOptions>() ?? new TelemetryOptions();

    private static IConfiguration Configuration(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value))).Build();
}
