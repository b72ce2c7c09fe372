using Microsoft.Extensions.Options;
using Mining.Core.Privacy;
using Mining.Core.Rewards;
using Mining.Core.Validation;
using Mining.Functions.Anchoring;
using Mining.Functions.Approval;
using Mining.Functions.ApprovalRequests;
using Mining.Functions.Batches;
using Mining.Functions.Chain;
using Mining.Functions.Contributors;
using Mining.Functions.Controls;
using Mining.Functions.Dashboard;
using Mining.Functions.DeadLetters;
using Mining.Functions.Http;
using Mining.Functions.Learnings;
using Mining.Functions.Notifications;
using Mining.Functions.Operations;
using Mining.Functions.Operator;
using Mining.Functions.Options;
using Mining.Functions.Pinning;
using Mining.Functions.Publishing;
using Mining.Functions.Replay;
using Mining.Functions.Rewards;
using Mining.Functions.Settings;
using Mining.Functions.Storage;
using Mining.Functions.Submission;
using Mining.Functions.Telemetry;

namespace Mining.Functions.Hosting;

/// <summary>
/// The service's parts, the same under both hosts: validated options, the domain, the stores, the chain and the HTTP
/// endpoints. A host adds the Durable Task worker and client (<see cref="Workflows"/>) and what only it has.
/// </summary>
internal static class MiningService
{
    public static IServiceCollection AddMiningService(this IServiceCollection services, IConfiguration configuration)
    {
        services
            .AddValidatedOptions<ServiceOptions>(configuration)
            .AddValidatedOptions<ChainOptions>(configuration.GetSection("Chain"))
            .AddValidatedOptions<IpfsOptions>(configuration.GetSection("Ipfs"))
            .AddValidatedOptions<SmtpOptions>(configuration.GetSection("Smtp"))
            .AddValidatedOptions<PublishingOptions>(configuration.GetSection("Publishing"))
            .AddValidatedOptions<RewardsOptions>(configuration.GetSection("Rewards"))
            .AddValidatedOptions<AvailabilityOptions>(configuration.GetSection("Availability"))
            .AddValidatedOptions<KeyProviderOptions>(configuration.GetSection("KeyProvider"))
            .AddValidatedOptions<DashboardOptions>(configuration.GetSection("Dashboard"));
        services.AddOptions<KeyProviderOptions>()
            .Configure<IEnumerable<IOperatorKeySource>>((options, sources) => options.HostKinds = [.. sources.Select(s => s.Kind)]);

        services.AddProblemDetails();
        services.AddSubmissionRateLimit(configuration);
        services.AddOpenApi();
        services.AddHttpClient();
        services.AddSingleton(TimeProvider.System);

        // Domain (Mining.Core)
        services.AddSingleton(new ValidationOptions());
        services.AddSingleton(new PrivacyScanner(new PrivacyScannerOptions()));
        services.AddSingleton(new RewardPolicy(new RewardOptions()));

        // Storage, stores and services
        services.AddSingleton<StorageRequestCounter>();
        services.AddSingleton(sp => new AppStorage(
            sp.GetRequiredService<IOptions<ServiceOptions>>().Value.AzureWebJobsStorage!, sp.GetRequiredService<StorageRequestCounter>()));
        services.AddSingleton<ServiceStateStore>();
        services.AddSingleton<ContributorStore>();
        services.AddSingleton<SettingsStore>();
        services.AddSingleton<LearningStore>();
        services.AddSingleton<LearningView>();
        services.AddSingleton<ApprovalStore>();
        services.AddSingleton<DocumentStore>();
        services.AddSingleton<BatchStore>();
        services.AddSingleton(sp => new AnchorQueue(sp.GetRequiredService<AppStorage>(), AnchorQueue.TaskHubOf(configuration)));
        services.AddSingleton<RewardLedger>();
        services.AddSingleton<RewardTotals>();
        services.AddSingleton<TableNonceStore>();
        services.AddSingleton<ChainService>();
        services.AddSingleton(sp => new OperatorKey(
            sp.GetRequiredService<IOptions<KeyProviderOptions>>().Value, configuration, sp.GetServices<IOperatorKeySource>(),
            sp.GetRequiredService<ILoggerFactory>()));
        services.AddSingleton<IpfsTargets>();
        services.AddSingleton<PinOrigins>();
        services.AddSingleton<PublishControls>();
        services.AddSingleton<EmailNotifier>();
        services.AddSingleton<ApprovalNotifier>();
        services.AddSingleton<OperatorAlerts>();
        services.AddSingleton<DeadLetterStore>();
        services.AddSingleton<DeadLetterService>();
        services.AddSingleton<DeadLetterReplay>();
        services.AddSingleton<DeadLetterFailureSink>();
        services.AddSingleton<FailedInstanceScan>();
        services.AddSingleton<SubmissionService>();
        services.AddSingleton<DecisionService>();
        services.AddSingleton(ApprovalKey.Load);
        services.AddSingleton(sp => new ApprovalTokens(sp.GetRequiredService<ApprovalKey>().Bytes, sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton(sp => new ContinuationTokens(sp.GetRequiredService<ApprovalKey>().Bytes));
        services.AddSingleton<ServiceStartup>();
        services.AddSingleton<DashboardSession>();
        services.AddSingleton<SignInLinks>();
        services.AddContributorSecurity(configuration);
        services.AddMiningTelemetry(configuration);
        return services;
    }

    /// <summary>The HTTP API, the approval pages, the web dashboard, the OpenAPI document and the health endpoints.</summary>
    public static IEndpointRouteBuilder MapMiningEndpoints(this IEndpointRouteBuilder app)
    {
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
        app.MapDashboard();
        return app;
    }
}
