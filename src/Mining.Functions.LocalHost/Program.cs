using Microsoft.Extensions.Options;
using Mining.Functions.Chain;
using Mining.Functions.Hosting;
using Mining.Functions.LocalHost;
using Mining.Functions.LocalHost.Development;
using Mining.Functions.LocalHost.Durable;

// --demo is a switch, not a setting: it is taken out before the rest become configuration.
var demo = args.Contains("--demo");
args = [.. args.Where(a => a != "--demo")];
var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args });
builder.Configuration.AddFunctionsSettings(builder.Environment.ContentRootPath, args);

try
{
    if (await builder.UseDevStackAsync() is { } stack)
    {
        builder.Services.AddSingleton(stack);
        builder.Services.AddSingleton<IOperatorKeySource, DevStackOperatorKey>();
        builder.Services.AddSingleton<DevContributor>();
        if (demo)
        {
            builder.Services.AddHostedService<DemoRunner>();
        }
    }
    else if (demo)
    {
        Console.Error.WriteLine("--demo runs on the local dev stack: use the Development environment with DevStack__Enabled true.");
        return 2;
    }
}
catch (Mining.DevStack.DevStackException e)
{
    Console.Error.WriteLine($"The local dev stack could not start: {e.Message}");
    return 2;
}

builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = 1024 * 1024);
try
{
    builder.Services.AddMiningService(builder.Configuration);
    builder.Services.AddDurableEngine(builder.Configuration);
}
catch (InvalidOperationException e) when (e.InnerException is FormatException)
{
    Console.Error.WriteLine($"The service cannot start because of its settings: {e.Message}");
    return 1;
}

builder.Services.AddHostedService<LocalStartup>();

var app = builder.Build();
// A request the framework could not read (malformed JSON, too large) is the client's error: its own 4xx, never a 500.
app.UseExceptionHandler(new ExceptionHandlerOptions
{
    StatusCodeSelector = e => e is BadHttpRequestException bad ? bad.StatusCode : StatusCodes.Status500InternalServerError,
});
app.UseStatusCodePages();
app.UseRateLimiter();
app.MapMiningEndpoints();

try
{
    await app.RunAsync();
    return demo ? DemoRunner.ExitCode : 0;
}
catch (OptionsValidationException e)
{
    Console.Error.WriteLine("The service cannot start because of its settings (local.settings.json Values, or environment):");
    foreach (var failure in e.Failures)
    {
        Console.Error.WriteLine($"  - {failure}");
    }

    return 1;
}
catch (InvalidOperationException e) when (e.InnerException is ArgumentException or FormatException or OverflowException)
{
    Console.Error.WriteLine($"The service cannot start because of its settings: {e.Message} "
        + "Fix it in local.settings.json (Values, with __ between sections) or the environment.");
    return 1;
}

/// <summary>The entry point, visible to the integration tests' WebApplicationFactory.</summary>
public partial class Program;
