using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Mining.Functions.Anchoring;
using Mining.Functions.ApprovalRequests;
using Mining.Functions.Availability;
using Mining.Functions.Batches;
using Mining.Functions.DeadLetters;
using Mining.Functions.Hosting;
using Mining.Functions.Learnings;
using Mining.Functions.Publishing;
using Mining.Functions.Rewards;

namespace Mining.Functions.App;

/// <summary>
/// One <c>[ActivityTrigger]</c> function per activity of <see cref="Workflows.Activities"/>, each running the activity class
/// (built through dependency injection, as under the local host). Each takes the Durable Task client binding, because
/// some activities start or message orchestrations through the service's client (<see cref="ForwardingDurableClient"/>).
/// </summary>
internal sealed class ActivityFunctions(DurableClientSlot slot)
{
    [Function(nameof(NotifyContributor))]
    public Task<ApprovalDecision?> NotifyContributor([ActivityTrigger] LearningRef input, [DurableClient] DurableTaskClient client, FunctionContext context) =>
        RunAsync<NotifyContributor, LearningRef, ApprovalDecision?>(input, client, context);

    [Function(nameof(PublishContent))]
    public Task<PublishOutcome> PublishContent([ActivityTrigger] PinRequest input, [DurableClient] DurableTaskClient client, FunctionContext context) =>
        RunAsync<PublishContent, PinRequest, PublishOutcome>(input, client, context);

    [Function(nameof(CloseLearning))]
    public Task<bool> CloseLearning([ActivityTrigger] CloseRequest input, [DurableClient] DurableTaskClient client, FunctionContext context) =>
        RunAsync<CloseLearning, CloseRequest, bool>(input, client, context);

    [Function(nameof(TakeReadyBatch))]
    public Task<CollectorTurn> TakeReadyBatch([ActivityTrigger] string input, [DurableClient] DurableTaskClient client, FunctionContext context) =>
        RunAsync<TakeReadyBatch, string, CollectorTurn>(input, client, context);

    [Function(nameof(PrepareBatch))]
    public Task<BatchPrepared> PrepareBatch([ActivityTrigger] BatchStart input, [DurableClient] DurableTaskClient client, FunctionContext context) =>
        RunAsync<PrepareBatch, BatchStart, BatchPrepared>(input, client, context);

    [Function(nameof(SendAnchorTransaction))]
    public Task<AnchorSendResult> SendAnchorTransaction(
        [ActivityTrigger] SendAnchorRequest input, [DurableClient] DurableTaskClient client, FunctionContext context) =>
        RunAsync<SendAnchorTransaction, SendAnchorRequest, AnchorSendResult>(input, client, context);

    [Function(nameof(CheckAnchorTransaction))]
    public Task<AnchorCheck> CheckAnchorTransaction([ActivityTrigger] string input, [DurableClient] DurableTaskClient client, FunctionContext context) =>
        RunAsync<CheckAnchorTransaction, string, AnchorCheck>(input, client, context);

    [Function(nameof(RecordBatchAnchor))]
    public Task<int> RecordBatchAnchor([ActivityTrigger] BatchCheck input, [DurableClient] DurableTaskClient client, FunctionContext context) =>
        RunAsync<RecordBatchAnchor, BatchCheck, int>(input, client, context);

    [Function(nameof(RecordBatchRewards))]
    public Task<int> RecordBatchRewards([ActivityTrigger] BatchCheck input, [DurableClient] DurableTaskClient client, FunctionContext context) =>
        RunAsync<RecordBatchRewards, BatchCheck, int>(input, client, context);

    [Function(nameof(RecordReward))]
    public Task<RewardInfo> RecordReward([ActivityTrigger] ConfirmedLearning input, [DurableClient] DurableTaskClient client, FunctionContext context) =>
        RunAsync<RecordReward, ConfirmedLearning, RewardInfo>(input, client, context);

    [Function(nameof(ScanClaims))]
    public Task<ClaimScan> ScanClaims([ActivityTrigger] object? input, [DurableClient] DurableTaskClient client, FunctionContext context) =>
        RunAsync<ScanClaims, object?, ClaimScan>(input, client, context);

    [Function(nameof(RecordDeadLetter))]
    public Task<string> RecordDeadLetter([ActivityTrigger] DeadLetterFailure input, [DurableClient] DurableTaskClient client, FunctionContext context) =>
        RunAsync<RecordDeadLetter, DeadLetterFailure, string>(input, client, context);

    [Function(nameof(LoadProgress))]
    public Task<PublishProgress> LoadProgress([ActivityTrigger] LearningRef input, [DurableClient] DurableTaskClient client, FunctionContext context) =>
        RunAsync<LoadProgress, LearningRef, PublishProgress>(input, client, context);

    [Function(nameof(ListPublishedLearnings))]
    public Task<PublishedPage> ListPublishedLearnings(
        [ActivityTrigger] PublishedPageRequest input, [DurableClient] DurableTaskClient client, FunctionContext context) =>
        RunAsync<ListPublishedLearnings, PublishedPageRequest, PublishedPage>(input, client, context);

    [Function(nameof(CheckAvailability))]
    public Task<AvailabilityCheckResult> CheckAvailability(
        [ActivityTrigger] LearningRef input, [DurableClient] DurableTaskClient client, FunctionContext context) =>
        RunAsync<CheckAvailability, LearningRef, AvailabilityCheckResult>(input, client, context);

    private Task<TOut> RunAsync<TActivity, TIn, TOut>(TIn input, DurableTaskClient client, FunctionContext context)
        where TActivity : TaskActivity<TIn, TOut>
    {
        slot.Set(client);
        var activity = ActivatorUtilities.CreateInstance<TActivity>(context.InstanceServices);
        return activity.RunAsync(new FunctionActivityContext(context), input);
    }
}
