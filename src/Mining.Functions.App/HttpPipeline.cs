using System.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Mining.Functions.Hosting;

namespace Mining.Functions.App;

/// <summary>
/// The local host's request pipeline, built once over the app's services: routing over the endpoints of
/// <see cref="MiningService.MapMiningEndpoints"/>, the same exception handling, status pages and rate limiting. Every HTTP
/// trigger hands its request here, so the minimal-API handlers, their parameter binding and their key filters run
/// unchanged.
/// </summary>
internal sealed class HttpPipeline(IServiceProvider services)
{
    /// <summary>The largest request body accepted, as the local host's Kestrel limit.</summary>
    public const long MaxRequestBodySize = 1024 * 1024;

    private readonly Lazy<RequestDelegate> pipeline = new(() => Build(services));

    public async Task InvokeAsync(HttpContext context)
    {
        // The worker's own ASP.NET Core server may have chosen an endpoint already; routing must match the service's.
        context.SetEndpoint(null);
        context.Request.RouteValues.Clear();
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = MaxRequestBodySize;
        }

        await pipeline.Value(context);
    }

    private static RequestDelegate Build(IServiceProvider services)
    {
        var app = new ApplicationBuilder(services);
        app.UseRouting();
        // A request the framework could not read (malformed JSON, too large) is the client's error: its own 4xx, never a 500.
        app.UseExceptionHandler(new ExceptionHandlerOptions
        {
            StatusCodeSelector = e => e is BadHttpRequestException bad ? bad.StatusCode : StatusCodes.Status500InternalServerError,
        });
        app.UseStatusCodePages();
        app.UseRateLimiter();
        app.UseEndpoints(endpoints => endpoints.MapMiningEndpoints());
        return app.Build();
    }

    /// <summary>What the pipeline needs from the container beyond the service's own registrations.</summary>
    public static IServiceCollection AddHttpPipeline(IServiceCollection services)
    {
        services.AddRouting();
        services.TryAddSingleton(new DiagnosticListener("Mining.Functions.App"));
        services.TryAddSingleton<DiagnosticSource>(sp => sp.GetRequiredService<DiagnosticListener>());
        services.AddSingleton<HttpPipeline>();
        return services;
    }
}
