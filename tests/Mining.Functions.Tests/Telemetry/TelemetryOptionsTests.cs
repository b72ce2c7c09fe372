using Microsoft.Extensions.Configuration;
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

    private static TelemetryOptions Options(params (string Key, string Value)[] values) =>
        Configuration(values).GetSection("Telemetry").Get<TelemetryOptions>() ?? new TelemetryOptions();

    private static IConfiguration Configuration(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value))).Build();
}
