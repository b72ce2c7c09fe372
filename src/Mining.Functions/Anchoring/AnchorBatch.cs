using Microsoft.Extensions.Options;
using Microsoft.DurableTask;
using Mining.Functions.Batches;
using Mining.Functions.DeadLetters;
using Mining.Functions.Learnings;
using Mining.Functions.Options;
using Mining.Ethereum;

namespace Mining.Functions.Anchoring;

/// <summary>
/// What preparing a batch gives its orchestration: the root and the learnings it anchors (the others are anchored by
/// another batch). The leaves and proofs stay in the batch's record, out of the orchestration's history.
/// </summary>
public sealed record BatchPrepared(Hash32 Root, IReadOnlyList<string> Anchored);

/// <summary>A closed batch: its id (also its instance id) and its learnings.</summary>
public sealed record BatchStart(string BatchId, IReadOnlyList<ReadyForAnchor> Items);

/// <summary>
/// Asks <see cref="SendAnchorTransaction"/> to send a batch's transaction; <paramref name="AfterFundsWait"/> when the batch
/// waited for funds before; <paramref name="OrderWaitOver"/> once it waited its patience for the batch counted before it.
/// </summary>
public sealed record SendAnchorRequest(string BatchId, bool AfterFundsWait, bool OrderWaitOver = false);

/// <summary>
/// The anchor transaction's hash once sent, or why the batch waits instead: the operator cannot pay for it yet, or the
/// batch whose rewards tree this batch's builds on has not sent its own transaction yet.
/// </summary>
public sealed record AnchorSendResult(TxHash? TransactionHash, string? WaitingForFunds, string? WaitingForBatch = null);

/// <summary>
/// Anchors one batch: builds the Merkle trees and pins the manifest, sends one <c>anchor</c> transaction through the
/// transaction manager (while the operator account cannot pay for it, waits with status "WaitingForFunds" and tries again
/// every <see cref="PublishingOptions.FundsPollInterval"/>; while the batch counted before it has not sent its own
/// transaction, waits with status "WaitingForEarlierBatch", so anchors are mined in the order their rewards trees were
/// counted), polls on durable timers until it has the configured confirmations (a replaced, dropped or
/// reorged transaction is handled by the check). Once the transaction is mined its learnings show Confirming (unless the
/// first check that sees it mined finds all its confirmations); once it has its confirmations their rewards are recorded
/// and each learning's instance gets "Confirmed".
/// A step that fails after its retries dead-letters the batch (its learnings show DeadLettered, stage Anchoring, or
/// Rewarding for the rewards) and waits for the operator: a replay runs that step again, a delete ends the batch and its learnings.
/// </summary>
internal sealed class AnchorBatch(IOptions<PublishingOptions> options) : TaskOrchestrator<BatchStart, string>
{
    public override async Task<string> RunAsync(TaskOrchestrationContext context, BatchStart input)
    {
        var settings = options.Value;
        var retry = settings.ActivityOptions();
        // The learnings a dead letter of the batch holds: all it was given until it is prepared, then those it anchors.
        var held = input.Items;
        var steps = DeadLetterSteps(context, input.BatchId, () => held, settings);
        context.SetCustomStatus(new { stage = "Preparing", learnings = input.Items.Count });
        // One batch step: its activity with retries; failing after them dead-letters the batch (null: the operator discarded it).
        async Task<T?> StepAsync<T>(string activity, object activityInput, string stage = BatchProtocol.AnchoringStage)
            where T : class
        {
            T? result = null;
            var done = await steps.RunAsync(stage, async () =>
            {
                try
                {
                    result = await context.CallActivityAsync<T>(activity, activityInput, retry);
                    return null;
                }
                catch (TaskFailedException e)
                {
                    return $"{activity} failed after its retries: {e.FailureDetails.ErrorMessage}";
                }
            });
            return done ? result : null;
        }

        if (await StepAsync<BatchPrepared>(nameof(PrepareBatch), input) is not { } prepared)
        {
            return Discarded;
        }

        if (prepared.Anchored.Count == 0)
        {
            context.SetCustomStatus(new { stage = "Empty", detail = "Every learning of this batch is anchored by another batch." });
            return Empty;
        }

        var anchored = prepared.Anchored.ToHashSet(StringComparer.Ordinal);
        held = [.. input.Items.Where(i => anchored.Contains(i.LearningId))];
        context.SetCustomStatus(new { stage = "Sending", prepared.Root });
        string hash;
        var waited = false;
        DateTime? orderWaitSince = null;
#pragma warning disable DURABLE0011 // Bounded: polls while the operator account lacks funds, once per FundsPollInterval (an alert goes out).
        while (true)
        {
            var orderWaitOver = context.CurrentUtcDateTime - orderWaitSince >= settings.AnchorOrderPatience;
            if (await StepAsync<AnchorSendResult>(nameof(SendAnchorTransaction), new SendAnchorRequest(input.BatchId, waited, orderWaitOver)) is not { } send)
            {
                return Discarded;
            }

            if (send.TransactionHash is { } sentHash)
            {
                hash = sentHash.ToString();
                break;
            }

            if (send.WaitingForBatch is { } earlier)
            {
                // The chain keeps the rewards root of the anchor mined last: this batch's root (which contains the earlier
                // batch's rewards) must not be overtaken by the earlier one's, so its nonce comes after that batch's.
                orderWaitSince ??= context.CurrentUtcDateTime;
                context.SetCustomStatus(new { stage = "WaitingForEarlierBatch", prepared.Root, detail = earlier });
                await context.CreateTimer(settings.ConfirmationPollInterval, CancellationToken.None);
                continue;
            }

            waited = true;
            context.SetCustomStatus(new { stage = "WaitingForFunds", prepared.Root, detail = send.WaitingForFunds });
            await context.CreateTimer(settings.FundsPollInterval, CancellationToken.None);
        }
#pragma warning restore DURABLE0011

        context.SetCustomStatus(new { stage = "Confirming", prepared.Root, transaction = hash, confirmations = 0 });

        var anchorRecorded = false;
        AnchorCheck check;
#pragma warning disable DURABLE0011 // Bounded: polls until the transaction has its confirmations (minutes); a batch is short-lived.
        while (true)
        {
            await context.CreateTimer(settings.ConfirmationPollInterval, CancellationToken.None);
            if (await StepAsync<AnchorCheck>(nameof(CheckAnchorTransaction), input.BatchId) is not { } polled)
            {
                return Discarded;
            }

            check = polled;
            // Learnings show Confirming while their transaction waits for its confirmations; a check that finds them all
            // at once goes straight to the rewards, which record the anchor too.
            if (check.BlockNumber is not null && !check.Confirmed && !anchorRecorded)
            {
                if (await StepAsync<object>(nameof(RecordBatchAnchor), new BatchCheck(input.BatchId, check)) is null)
                {
                    return Discarded;
                }

                anchorRecorded = true;
            }

            context.SetCustomStatus(new { stage = "Confirming", prepared.Root, transaction = check.TransactionHash, check.Confirmations });
            if (check.Confirmed)
            {
                break;
            }
        }
#pragma warning restore DURABLE0011

        context.SetCustomStatus(new { stage = "Rewarding", prepared.Root, transaction = check.TransactionHash, check.Confirmations });
        if (await StepAsync<object>(nameof(RecordBatchRewards), new BatchCheck(input.BatchId, check), BatchProtocol.RewardingStage) is null)
        {
            return Discarded;
        }

        foreach (var learningId in prepared.Anchored)
        {
            context.SendEvent(learningId, BatchProtocol.ConfirmedEvent, new AnchorNotice(input.BatchId, check.TransactionHash));
        }

        context.SetCustomStatus(new { stage = "Confirmed", prepared.Root, transaction = check.TransactionHash, check.Confirmations });
        return check.TransactionHash.ToString();
    }

    /// <summary>What the batch returns when the operator deleted its dead letter (its learnings were closed as Failed).</summary>
    public const string Discarded = "discarded";

    /// <summary>What the batch returns when another batch anchors every learning it was given (see <see cref="PrepareBatch"/>).</summary>
    public const string Empty = "empty";

    /// <summary>A step failing after its retries dead-letters the batch (stage Anchoring) and waits for the operator's replay or delete.</summary>
    private static DeadLetterSteps DeadLetterSteps(
        TaskOrchestrationContext context, string batchId, Func<IReadOnlyList<ReadyForAnchor>> held, PublishingOptions settings) => new(
        context, settings.ActivityOptions(), settings.RetryMaxAttempts, generation: 0,
        (stage, error, attempts, generation) => new DeadLetterFailure(
            DeadLetterKind.Batch, context.InstanceId, nameof(AnchorBatch),
            [.. held().Select(i => new DeadLetterLearning(i.LearningId, i.ContributorId, i.Cid))], stage, error, attempts, generation, batchId),
        (_, error) => context.SetCustomStatus(new { stage = "DeadLettered", error }));

    /// <summary>Where <paramref name="leaf"/>'s learning is anchored, as of <paramref name="check"/>.</summary>
    public static AnchorInfo AnchorOf(PreparedBatch prepared, BatchLeaf leaf, AnchorCheck check) => new(
        prepared.BatchId, prepared.Root, leaf.Leaf, leaf.Proof, check.TransactionHash, check.BlockNumber, check.BlockHash, check.Confirmations);
}
