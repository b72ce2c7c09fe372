using Microsoft.DurableTask;
using Microsoft.Extensions.Options;
using Mining.Functions.Anchoring;
using Mining.Functions.ApprovalRequests;
using Mining.Functions.Availability;
using Mining.Functions.DeadLetters;
using Mining.Functions.Options;
using Mining.Functions.Publishing;
using Mining.Functions.Rewards;

namespace Mining.Functions.Hosting;

/// <summary>A named orchestrator or activity and how to make one (the host calls it once per execution).</summary>
internal sealed record WorkflowTask<T>(string Name, Func<IServiceProvider, T> Create);

/// <summary>The service's orchestrations and activities, by name (the class name), for a host to register with its engine.</summary>
/// <remarks>
/// Activities are built through dependency injection; orchestrators get only their settings, read once per process: an
/// orchestration replays with the settings it ran with unless the host restarts with new ones, which changes only later
/// steps (the settings never steer a branch already in the history differently).
/// </remarks>
internal static class Workflows
{
    public static IReadOnlyList<WorkflowTask<ITaskOrchestrator>> Orchestrators { get; } =
    [
        new(nameof(PublishLearning), sp => new PublishLearning(Options<PublishingOptions>(sp))),
        new(nameof(AnchorCollector), sp => new AnchorCollector(Options<PublishingOptions>(sp))),
        new(nameof(AnchorBatch), sp => new AnchorBatch(Options<PublishingOptions>(sp))),
        new(nameof(ClaimWatcher), sp => new ClaimWatcher(Options<RewardsOptions>(sp), Options<PublishingOptions>(sp))),
        new(nameof(AvailabilityMonitor), sp => new AvailabilityMonitor(Options<AvailabilityOptions>(sp), Options<PublishingOptions>(sp))),
    ];

    public static IReadOnlyList<WorkflowTask<ITaskActivity>> Activities { get; } =
    [
        Activity<NotifyContributor>(),
        Activity<PublishContent>(),
        Activity<CloseLearning>(),
        Activity<TakeReadyBatch>(),
        Activity<PrepareBatch>(),
        Activity<SendAnchorTransaction>(),
        Activity<CheckAnchorTransaction>(),
        Activity<RecordBatchAnchor>(),
        Activity<RecordBatchRewards>(),
        Activity<RecordReward>(),
        Activity<ScanClaims>(),
        Activity<RecordDeadLetter>(),
        Activity<LoadProgress>(),
        Activity<ListPublishedLearnings>(),
        Activity<CheckAvailability>(),
    ];

    private static WorkflowTask<ITaskActivity> Activity<T>()
        where T : ITaskActivity => new(typeof(T).Name, sp => ActivatorUtilities.CreateInstance<T>(sp));

    private static IOptions<T> Options<T>(IServiceProvider services)
        where T : class => services.GetRequiredService<IOptions<T>>();
}
