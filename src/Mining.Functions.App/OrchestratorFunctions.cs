using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using Microsoft.Extensions.Options;
using Mining.Functions.Anchoring;
using Mining.Functions.Availability;
using Mining.Functions.Hosting;
using Mining.Functions.Learnings;
using Mining.Functions.Options;
using Mining.Functions.Publishing;
using Mining.Functions.Rewards;

namespace Mining.Functions.App;

/// <summary>
/// One <c>[OrchestrationTrigger]</c> function per orchestrator of <see cref="Workflows.Orchestrators"/>, each running the
/// orchestrator class with its settings, as the local host does.
/// </summary>
internal sealed class OrchestratorFunctions(
    IOptions<PublishingOptions> publishing, IOptions<RewardsOptions> rewards, IOptions<AvailabilityOptions> availability)
{
    [Function(nameof(PublishLearning))]
    public Task<LearningStatus> PublishLearning([OrchestrationTrigger] TaskOrchestrationContext context) =>
        new PublishLearning(publishing).RunAsync(context, context.GetInput<PublishInput>()!);

    [Function(nameof(AnchorCollector))]
    public Task<int> AnchorCollector([OrchestrationTrigger] TaskOrchestrationContext context) =>
        new AnchorCollector(publishing).RunAsync(context, context.GetInput<int>());

    [Function(nameof(AnchorBatch))]
    public Task<string> AnchorBatch([OrchestrationTrigger] TaskOrchestrationContext context) =>
        new AnchorBatch(publishing).RunAsync(context, context.GetInput<BatchStart>()!);

    [Function(nameof(ClaimWatcher))]
    public Task<int> ClaimWatcher([OrchestrationTrigger] TaskOrchestrationContext context) =>
        new ClaimWatcher(rewards, publishing).RunAsync(context, context.GetInput<ClaimScan>()!);

    [Function(nameof(AvailabilityMonitor))]
    public Task<int> AvailabilityMonitor([OrchestrationTrigger] TaskOrchestrationContext context) =>
        new AvailabilityMonitor(availability, publishing).RunAsync(context, context.GetInput<AvailabilityRound>()!);
}
