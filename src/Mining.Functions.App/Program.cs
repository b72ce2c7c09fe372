using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Azure.Functions.Worker.OpenTelemetry;
using Microsoft.Extensions.Hosting;
using Mining.Functions.App;
using Mining.Functions.Telemetry;

var builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();
builder.Services.AddFunctionsApp(builder.Configuration);
if (TelemetryServices.IsEnabled(builder.Configuration))
{
    // The worker's function invocations as spans, and the Azure resource (site, region) on everything exported.
    builder.Services.AddOpenTelemetry().UseFunctionsWorkerDefaults();
}

await builder.Build().RunAsync();
