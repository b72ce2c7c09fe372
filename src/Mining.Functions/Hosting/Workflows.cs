using Microsoft.DurableTask;
using Microsoft.Extensions.Options;
using Mining.Functions.Options;
using Mining.Functions.Publishing;
using Mining.Functions.Publishing.Activities;
using Mining.Functions.Rewards;

namespace Mining.Functions.Hosting;

/// <summary>The service's orchestrations and activities, registered by name (the class name) with the Durable Task worker.</summary>
/// <remarks>
/// The worker builds activities through dependency injection but orchestrators without it, so the orchestrators get
/// their settings here. Settings are read once per process: an orchestration replays with the settings it ran with
/// unless the host restarts with new ones, which only changes later steps (the options never steer a replayed branch
/// differently for a step already in the history).
/// </remarks>
internal static class Workflows
{
    public static DurableTaskRegistry AddMiningWorkflows(
        this DurableTaskRegistry tasks,
        IOptions<PublishingOptions> publishing,
        IOptions<RewardsOptions> rewards,
        IOptions<AvailabilityOptions> availability) => tasks
        .AddOrchestrator(nameof(PublishLearning), () => new PublishLearning(publishing))
        .AddOrchestrator(nameof(AnchorCollector), () => new AnchorCollector(publishing))
        .AddOrchestrator(nameof(AnchorBatch), () => new AnchorBatch(publishing))
        .AddOrchestrator(nameof(ClaimWatcher), () => new ClaimWatcher(rewards, publishing))
        .AddOrchestrator(nameof(AvailabilityMonitor), () => new AvailabilityMonitor(availability, publishing))
        .AddActivity<NotifyContributor>()
        .AddActivity<CheckBeforePublishing>()
        .AddActivity<PinContent>()
        .AddActivity<VerifyOnGateways>()
        .AddActivity<CloseLearning>()
        .AddActivity<StartAnchorBatch>()
        .AddActivity<PrepareBatch>()
        .AddActivity<SendAnchorTransaction>()
        .AddActivity<CheckAnchorTransaction>()
        .AddActivity<RecordBatchAnchor>()
        .AddActivity<RecordBatchRewards>()
        .AddActivity<RecordReward>()
        .AddActivity<ScanClaims>()
        .AddActivity<RecordDeadLetter>()
        .AddActivity<LoadProgress>()
        .AddActivity<ListPublishedLearnings>()
        .AddActivity<CheckAvailability>();
}
