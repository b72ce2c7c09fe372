using Microsoft.Extensions.Options;
using Mining.Core.Preparation;
using Mining.Core.Privacy;
using Mining.Core.Rewards;
using Mining.Core.Validation;
using Mining.Durable;
using Mining.Functions.Api;
using Mining.Functions.Approvals;
using Mining.Functions.Chain;
using Mining.Functions.Contributors;
using Mining.Functions.Controls;
using Mining.Functions.DeadLetters;
using Mining.Functions.Hosting;
using Mining.Functions.Learnings;
using Mining.Functions.Notifications;
using Mining.Functions.Operations;
using Mining.Functions.Options;
using Mining.Functions.Publishing;
using Mining.Functions.Publishing.Activities;
using Mining.Functions.Rewards;
using Mining.Functions.Storage;

// --demo is a switch, not a setting: it is taken out before the rest become configuration.
var demo = args.Contains("--demo");
args = [.. args.Where(a => a != "--demo")];
var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args });
builder.Configuration.AddFunctionsSettings(builder.Environment.ContentRootPath, args);

// Under the Azure Functions host as a custom handler, the host tells the app which port to serve.
if (builder.Configuration["FUNCTIONS_CUSTOMHANDLER_PORT"] is { Length: > 0 } handlerPort)
{
    builder.WebHost.UseUrls($"http://127.0.0.1:{handlerPort}");
}

try
{
    if (await builder.UseDevStackAsync() is { } stack)
    {
        builder.Services.AddSingleton(stack);
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

var configuration = builder.Configuration;
var services = builder.Services;
services
    .AddValidatedOptions<ServiceOptions>(configuration)
    .AddValidatedOptions<ChainOptions>(configuration.GetSection("Chain"))
    .AddValidatedOptions<IpfsOptions>(configuration.GetSection("Ipfs"))
    .AddValidatedOptions<SmtpOptions>(configuration.GetSection("Smtp"))
    .AddValidatedOptions<PublishingOptions>(configuration.GetSection("Publishing"))
    .AddValidatedOptions<RewardsOptions>(configuration.GetSection("Rewards"))
    .AddValidatedOptions<AvailabilityOptions>(configuration.GetSection("Availability"))
    .AddValidatedOptions<KeyProviderOptions>(configuration.GetSection("KeyProvider"));

services.AddProblemDetails();
services.AddSubmissionRateLimit(configuration);
services.AddContributorSecurity(configuration);
builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = 1024 * 1024);
services.AddOpenApi();
services.AddHttpClient();
services.AddSingleton(TimeProvider.System);

// Domain (Mining.Core)
services.AddSingleton(new ValidationOptions());
services.AddSingleton(new PrivacyScanner(new PrivacyScannerOptions()));
services.AddSingleton<ICidCalculator, UnixFsCidCalculator>();
services.AddSingleton<ContentPreparer>();
services.AddSingleton(new RewardPolicy(new RewardOptions()));

// Storage, stores and services
services.AddSingleton<StorageRequestCounter>();
services.AddSingleton(sp => new AppStorage(
    sp.GetRequiredService<IOptions<ServiceOptions>>().Value.AzureWebJobsStorage!, sp.GetRequiredService<StorageRequestCounter>()));
services.AddSingleton<ServiceStateStore>();
services.AddSingleton<ContributorStore>();
services.AddSingleton<SettingsStore>();
services.AddSingleton<LearningStore>();
services.AddSingleton<ApprovalStore>();
services.AddSingleton<DocumentStore>();
services.AddSingleton<BatchStore>();
services.AddSingleton<RewardLedger>();
services.AddSingleton<RewardTotals>();
services.AddSingleton<TableNonceStore>();
services.AddSingleton<ChainService>();
services.AddSingleton(sp => new OperatorKey(
    sp.GetRequiredService<IOptions<KeyProviderOptions>>().Value, configuration, sp.GetRequiredService<IHostEnvironment>(),
    sp.GetRequiredService<ILoggerFactory>()));
services.AddSingleton<IpfsTargets>();
services.AddSingleton<PinOrigins>();
services.AddSingleton<PublishControls>();
services.AddSingleton<EmailNotifier>();
services.AddSingleton<ApprovalNotifier>();
services.AddSingleton<OperatorAlerts>();
services.AddSingleton<DeadLetterStore>();
services.AddSingleton<DeadLetterService>();
services.AddSingleton<SubmissionService>();
services.AddSingleton<DecisionService>();
services.AddSingleton(ApprovalKey.Load);
services.AddSingleton(sp => new ApprovalTokens(sp.GetRequiredService<ApprovalKey>().Bytes, sp.GetRequiredService<TimeProvider>()));
services.AddSingleton(sp => new ContinuationTokens(sp.GetRequiredService<ApprovalKey>().Bytes));

// The engine's give-ups become dead letters (replacing the engine's logging default).
services.AddSingleton<IOrchestrationFailureSink, DeadLetterFailureSink>();
services.AddDurableTask(durable =>
{
    durable.Configure(o => configuration.GetSection("extensions:durableTask").Bind(o));
    durable.UseAzureStorage(o =>
    {
        o.ConnectionString = configuration["AzureWebJobsStorage"];
        o.TaskHubName = configuration["extensions:durableTask:hubName"];
    });
    durable.AddOrchestrator<PublishLearning>();
    durable.AddOrchestrator<AnchorCollector>();
    durable.AddOrchestrator<AnchorBatch>();
    durable.AddOrchestrator<ClaimWatcher>();
    durable.AddOrchestrator<AvailabilityMonitor>();
    durable.AddActivity<NotifyContributor>();
    durable.AddActivity<CheckBeforePublishing>();
    durable.AddActivity<PinContent>();
    durable.AddActivity<VerifyOnGateways>();
    durable.AddActivity<CloseLearning>();
    durable.AddActivity<StartAnchorBatch>();
    durable.AddActivity<PrepareBatch>();
    durable.AddActivity<SendAnchorTransaction>();
    durable.AddActivity<CheckAnchorTransaction>();
    durable.AddActivity<RecordBatchAnchor>();
    durable.AddActivity<RecordBatchRewards>();
    durable.AddActivity<RecordReward>();
    durable.AddActivity<ScanClaims>();
    durable.AddActivity<RecordDeadLetter>();
    durable.AddActivity<LoadProgress>();
    durable.AddActivity<ListPublishedLearnings>();
    durable.AddActivity<CheckAvailability>();
});
services.AddHostedService<ServiceStartup>();

var app = builder.Build();
// A request the framework could not read (malformed JSON, too large) is the client's error: its own 4xx, never a 500.
app.UseExceptionHandler(new ExceptionHandlerOptions
{
    StatusCodeSelector = e => e is BadHttpRequestException bad ? bad.StatusCode : StatusCodes.Status500InternalServerError,
});
app.UseStatusCodePages();
app.UseRateLimiter();
app.MapOpenApi();
app.MapGet("/healthz", () => Results.Ok(new { status = "alive" }));
app.MapReadiness();
app.MapLearningsApi();
app.MapReceiptsApi();
app.MapApprovalPages();
app.MapRewardsApi();
app.MapOperatorApi();
app.MapControlsApi();
app.MapDeadLettersApi();
app.MapMetricsApi();
app.MapContributorSecurityApi();

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
