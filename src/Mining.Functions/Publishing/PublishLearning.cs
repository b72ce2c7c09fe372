using Microsoft.Extensions.Options;
using Microsoft.DurableTask;
using Mining.Functions.ApprovalRequests;
using Mining.Functions.Batches;
using Mining.Functions.DeadLetters;
using Mining.Functions.Learnings;
using Mining.Functions.Options;
using Mining.Functions.Rewards;
using Mining.Ethereum;
using Mining.Ipfs.Multiformats;

namespace Mining.Functions.Publishing;

/// <summary>
/// One learning from approval request to reward: notify → wait for the decision (timeout: nothing published) →
/// publish (<see cref="PublishContent"/>: re-check the stored bytes → pin on every target → verify on every gateway
/// (quorum) → hand over to the collector's queue) → a batch anchors it, waits for the confirmations, records the reward
/// and raises "Confirmed". The instance id is the learning id. One activity runs per learning after approval; it reads
/// the controls before pinning and again before the hand-over.
/// </summary>
/// <remarks>
/// Deterministic: time, ids and I/O go through the context and activities only. The custom status always names the
/// step (Publishing, Paused, Anchoring, Rewarding, Rewarded, DeadLettered, or how it ended). Nothing is pinned before an
/// approval for exactly this CID has been received. A stage after approval that fails after its retries (or a lost
/// gateway quorum) becomes a dead letter and waits for the operator: a replay runs that stage again (earlier work is
/// kept), a discard ends the learning as Failed. A dead letter of publishing names the stage that failed: Verifying when
/// the gateways fell short, else Pinning. A refusal of the bytes themselves (<see cref="PublishRefusedException"/>) ends
/// it as Failed at once: there is nothing to replay.
/// </remarks>
internal sealed class PublishLearning(IOptions<PublishingOptions> options) : TaskOrchestrator<PublishInput, LearningStatus>
{
    public const string ApprovalEvent = "Approval";
    public const string ConfirmedEvent = BatchProtocol.ConfirmedEvent;
    public const string ResumeEvent = "Resume";

    public override async Task<LearningStatus> RunAsync(TaskOrchestrationContext context, PublishInput input)
    {
        var learning = new LearningRef(input.LearningId, input.ContributorId, input.Cid);
        var retry = options.Value.ActivityOptions();
        var progress = input.ResumeFrom is null
            ? new PublishProgress(null, [], null)
            : await context.CallActivityAsync<PublishProgress>(nameof(LoadProgress), learning, retry);

        // A restarted instance whose approval is stored does not ask the contributor again.
        if (progress.Decision is not { Approved: true } stored || stored.Cid != input.Cid)
        {
            context.SetCustomStatus(new PublishStatus("AwaitingApproval", input.Cid));
            // A decision stored before this instance first ran comes back from the notification step (see NotifyContributor).
            var decision = await context.CallActivityAsync<ApprovalDecision?>(nameof(NotifyContributor), learning, retry);
            if (decision is null)
            {
                try
                {
                    decision = await context.WaitForExternalEvent<ApprovalDecision>(ApprovalEvent, input.ApprovalTimeout);
                }
                catch (TaskCanceledException)
                {
                    return await CloseAsync(context, learning, LearningStatus.Expired, "No decision before the approval timeout; nothing was published.");
                }
            }

            if (!decision.Approved)
            {
                return await CloseAsync(context, learning, LearningStatus.Rejected, "The contributor rejected it; nothing was published.");
            }

            if (decision.Cid != input.Cid)
            {
                return await CloseAsync(context, learning, LearningStatus.Failed, $"The approval was for CID {decision.Cid}, not {input.Cid}; nothing was published.");
            }
        }

        var steps = new DeadLetterSteps(
            context, retry, options.Value.RetryMaxAttempts, input.Generation,
            (stage, error, attempts, generation) => new DeadLetterFailure(
                DeadLetterKind.Learning, context.InstanceId, nameof(PublishLearning),
                [new DeadLetterLearning(learning.LearningId, learning.ContributorId, learning.Cid)], stage, error, attempts, generation),
            (stage, error) => context.SetCustomStatus(new PublishStatus(nameof(LearningStatus.DeadLettered), input.Cid, $"{stage}: {error}")));
        try
        {
            // Publishing (the check of the stored bytes, the pins, the gateways) reads the contributor's controls before
            // anything goes out and does nothing while they hold the learning, and reads them again after verifying (which
            // sends nothing out), before the hand-over to anchoring. Targets that hold the pin already (from before a
            // restart or a pause) are not asked again. A learning restarted after its batch was confirmed is published and
            // anchored already: it records its reward itself instead.
            var anchor = progress.ConfirmedAnchor;
            TxHash? transaction;
            if (anchor is null)
            {
                var pinned = progress.Pinned;
                switch (await ControlledStepAsync(context, steps, input.Cid, options.Value.PauseRecheckInterval, async () =>
                {
                    context.SetCustomStatus(new PublishStatus("Publishing", input.Cid));
                    var published = await context.CallActivityAsync<PublishOutcome>(nameof(PublishContent), new PinRequest(learning, pinned), retry);
                    pinned = [.. pinned.Union(published.Pins.Where(p => p.Pinned).Select(p => p.Target), StringComparer.Ordinal)];
                    return (published.Controls, published.Gateways.Count == 0 ? null : PublishContent.QuorumMissed(published.Gateways, published.Quorum));
                }))
                {
                    case StepEnd.LocalOnly: return await CloseLocalAsync(context, learning);
                    case StepEnd.Discarded: return await DiscardedAsync(context, learning, steps);
                }

                // The batch records the anchor and the reward of each of its learnings; its failures are its own (AnchorBatch
                // dead-letters the batch).
                context.SetCustomStatus(new PublishStatus("Anchoring", input.Cid));
                transaction = (await context.WaitForExternalEvent<AnchorNotice>(ConfirmedEvent)).TransactionHash;
            }
            else if (await steps.RunAsync(PublishStages.Rewarding, async () =>
            {
                context.SetCustomStatus(new PublishStatus("Rewarding", input.Cid));
                await context.CallActivityAsync(nameof(RecordReward), new ConfirmedLearning(learning, anchor), retry);
                return null;
            }))
            {
                transaction = anchor.TransactionHash;
            }
            else
            {
                return await DiscardedAsync(context, learning, steps);
            }

            context.SetCustomStatus(new PublishStatus("Rewarded", input.Cid, transaction?.ToString()));
            return LearningStatus.Rewarded;
        }
        catch (TaskFailedException e)
        {
            return await CloseAsync(context, learning, LearningStatus.Failed, $"A step failed and cannot be replayed: {e.FailureDetails.ErrorMessage}");
        }
    }

    private enum StepEnd
    {
        Done,
        LocalOnly,
        Discarded,
    }

    /// <summary>
    /// Runs a step whose activity reads the contributor's controls first (the step returns them and why it failed, or
    /// null). While they pause uploads (the contributor's or the operator's pause) it waits for "Resume" and runs the step
    /// again; when they keep the learning local it ends with <see cref="StepEnd.LocalOnly"/>. A failure becomes a dead letter.
    /// </summary>
    /// <remarks>
    /// A paused learning also looks again on its own, after <paramref name="recheck"/> and then twice as long each quiet
    /// turn (at most <see cref="PublishingOptions.MaxPauseRecheckInterval"/>): a resume can miss it, when another process
    /// still answers the controls from memory or the instance reaches the gate just after the resume listed the waiting ones.
    /// </remarks>
    private static async Task<StepEnd> ControlledStepAsync(
        TaskOrchestrationContext context, DeadLetterSteps steps, Cid cid, TimeSpan recheck, Func<Task<(ControlsVerdict Controls, string? Error)>> step)
    {
        var wait = recheck;
#pragma warning disable DURABLE0011 // Bounded: one turn per pause and resume, and one per recheck (doubling up to a cap).
        while (true)
        {
            var controls = new ControlsVerdict(false, false);
            if (!await steps.RunAsync(StageOf, async () =>
            {
                (controls, var error) = await step();
                return error;
            }))
            {
                return StepEnd.Discarded;
            }

            if (controls.LocalOnly)
            {
                return StepEnd.LocalOnly;
            }

            if (!controls.Paused)
            {
                return StepEnd.Done;
            }

            context.SetCustomStatus(new PublishStatus("Paused", cid, "Uploads are paused; the next step waits for resume."));
            try
            {
                await context.WaitForExternalEvent<bool>(ResumeEvent, wait);
                wait = recheck;
            }
            catch (TaskCanceledException)
            {
                wait = TimeSpan.FromTicks(Math.Min(wait.Ticks * 2, PublishingOptions.MaxPauseRecheckInterval.Ticks));
            }
        }
#pragma warning restore DURABLE0011
    }

    /// <summary>
    /// The stage a failure of publishing belongs to: verifying when the gateways fell short (too few verified, or too few
    /// answering after the retries), else pinning (the pins, or the check of the stored bytes before them).
    /// </summary>
    private static string StageOf(TaskFailureDetails? failure) =>
        failure is null || failure.IsCausedBy<GatewayUnavailableException>() ? PublishStages.Verifying : PublishStages.Pinning;

    private static Task<LearningStatus> CloseLocalAsync(TaskOrchestrationContext context, LearningRef learning) =>
        CloseAsync(context, learning, LearningStatus.LocalOnly,
            "Uploads were turned off or local-only mode was switched on before this step; it stays inside the service from here.");

    private static Task<LearningStatus> DiscardedAsync(TaskOrchestrationContext context, LearningRef learning, DeadLetterSteps steps) =>
        CloseAsync(context, learning, LearningStatus.Failed, steps.DiscardReason ?? "Deleted from the dead letters by the operator.");

    private static async Task<LearningStatus> CloseAsync(TaskOrchestrationContext context, LearningRef learning, LearningStatus status, string reason)
    {
        context.SetCustomStatus(new PublishStatus(status.ToString(), learning.Cid, reason));
        await context.CallActivityAsync(nameof(CloseLearning), new CloseRequest(learning, status, reason));
        return status;
    }
}

/// <summary>The stages of <see cref="PublishLearning"/> a dead letter names, in order, and the learning status each shows.</summary>
internal static class PublishStages
{
    public const string Approval = "Approval";
    public const string Pinning = "Pinning";
    public const string Verifying = "Verifying";
    public const string Anchoring = BatchProtocol.AnchoringStage;
    public const string Rewarding = BatchProtocol.RewardingStage;

    public static readonly string[] All = [Approval, Pinning, Verifying, Anchoring, Rewarding];

    /// <summary>The learning status while <paramref name="stage"/> runs.</summary>
    public static LearningStatus StatusOf(string stage) => stage switch
    {
        Approval => LearningStatus.AwaitingApproval,
        Pinning => LearningStatus.Pinning,
        Verifying => LearningStatus.Verifying,
        Anchoring => LearningStatus.Anchoring,
        Rewarding => LearningStatus.Confirming,
        _ => LearningStatus.Approved,
    };

    /// <summary>The stage a learning in <paramref name="status"/> had reached, or null when its journey is over.</summary>
    public static string? StageOf(LearningStatus status) => status switch
    {
        LearningStatus.AwaitingApproval => Approval,
        LearningStatus.Approved => Pinning,
        LearningStatus.Pinning => Pinning,
        LearningStatus.Verifying => Verifying,
        LearningStatus.Anchoring or LearningStatus.Confirming => Anchoring,
        _ => null,
    };
}
