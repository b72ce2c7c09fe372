using Microsoft.Extensions.Options;
using Mining.Functions.Hosting;
using Mining.Functions.Options;

var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args });
builder.Configuration.AddFunctionsSettings(builder.Environment.ContentRootPath, args);

// Under the Azure Functions host as a custom handler, the host tells the app which port to serve.
if (builder.Configuration["FUNCTIONS_CUSTOMHANDLER_PORT"] is { Length: > 0 } handlerPort)
{
    builder.WebHost.UseUrls($"http://127.0.0.1:{handlerPort}");
}

try
{
    await builder.UseDevStackAsync();
}
catch (Mining.DevStack.DevStackException e)
{
    Console.Error.WriteLine($"The local dev stack could not start: {e.Message}");
    return 2;
}

var configuration = builder.Configuration;
builder.Services
    .AddValidatedOptions<ServiceOptions>(configuration)
    .AddValidatedOptions<ChainOptions>(configuration.GetSection("Chain"))
    .AddValidatedOptions<IpfsOptions>(configuration.GetSection("Ipfs"))
    .AddValidatedOptions<SmtpOptions>(configuration.GetSection("Smtp"));

var app = builder.Build();
app.MapGet("/healthz", () => Results.Ok(new { status = "alive" }));

try
{
    await app.RunAsync();
    return 0;
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
