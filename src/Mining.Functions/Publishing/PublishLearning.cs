using Microsoft.Extensions.Options;
using Mining.Durable;
using Mining.Functions.Approvals;
using Mining.Functions.DeadLetters;
using Mining.Functions.Learnings;
using Mining.Functions.Options;
using Mining.Functions.Publishing.Activities;

namespace Mining.Functions.Publishing;

/// <summary>
/// One learning from approval request to reward: notify → wait for the decision (timeout: nothing published) →
/// re-check the stored bytes → pin on every target → verify on every gateway (quorum) → anchor in a batch → wait for
/// confirmations → record the reward. The instance id is the learning id.
/// </summary>
/// <remarks>
/// Deterministic: time, ids and I/O go through the context and activities only. The custom status always names the
/// stage. Nothing is pinned before an approval for exactly this CID has been received. A stage after approval that
/// fails after its retries (or a lost gateway quorum) becomes a dead letter and waits for the operator: a replay runs
/// that stage again (earlier work is kept), a discard ends the learning as Failed. A refusal of the bytes themselves
/// (<see cref="PublishRefusedException"/>) ends it as Failed at once: there is nothing to replay.
/// </remarks>
internal sealed class PublishLearning(IOptions<PublishingOptions> options) : TaskOrchestrator<PublishInput, LearningStatus>
{
    public const string ApprovalEvent = "Approval";
    public const string AnchoredEvent = "Anchored";
    public const string ConfirmedEvent = "Confirmed";
    public const string ResumeEvent = "Resume";

    public override async Task<LearningStatus> RunAsync(TaskOrchestrationContext context, PublishInput input)
    {
        var learning = new LearningRef(input.LearningId, input.ContributorId, input.Cid);
        var retry = options.Value.ActivityOptions();
        var resumeAt = PublishStages.Order(input.ResumeFrom);
        var progress = input.ResumeFrom is null
            ? new PublishProgress(null, [], null)
            : await context.CallActivityAsync<PublishProgress>(nameof(LoadProgress), learning, retry);

        // A restarted instance whose approval is stored does not ask the contributor again.
        if (progress.Decision is not { Approved: true } stored || stored.Cid != input.Cid)
        {
            context.SetCustomStatus(new PublishStatus("AwaitingApproval", input.Cid));
            await context.CallActivityAsync(nameof(NotifyContributor), learning, retry);

            ApprovalDecision decision;
            try
            {
                decision = await context.WaitForExternalEvent<ApprovalDecision>(ApprovalEvent, input.ApprovalTimeout);
            }
            catch (TaskCanceledException)
            {
                return await CloseAsync(context, learning, LearningStatus.Expired, "No decision before the approval timeout; nothing was published.");
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
            if (!await GateAsync(context, learning, retry))
            {
                return await CloseLocalAsync(context, learning);
            }

            PublishPlan plan = null!;
            if (!await steps.RunAsync(PublishStages.Checking, async () =>
            {
                context.SetCustomStatus(new PublishStatus("Checking", input.Cid));
                plan = await context.CallActivityAsync<PublishPlan>(nameof(CheckBeforePublishing), learning, retry);
                return null;
            }))
            {
                return await DiscardedAsync(context, learning, steps);
            }

            // Targets that hold the pin already (from before a restart) are not asked again. The nodes the bytes are
            // uploaded to come first: a pinning service fetches the content from them, so asking it while no node
            // holds the content (a node down) only makes it wait for its own timeout.
            var toPin = plan.PinTargets.Except(progress.Pinned).ToList();
            if (toPin.Count > 0 && !await steps.RunAsync(PublishStages.Pinning, async () =>
            {
                context.SetCustomStatus(new PublishStatus("Pinning", input.Cid, string.Join(", ", toPin)));
                foreach (var wave in toPin.GroupBy(t => !t.StartsWith("kubo:", StringComparison.Ordinal)).OrderBy(g => g.Key))
                {
                    await Task.WhenAll(wave.Select(t => context.CallActivityAsync<PinResult>(nameof(PinContent), new PinRequest(learning, t), retry)));
                }

                return null;
            }))
            {
                return await DiscardedAsync(context, learning, steps);
            }

            if (!await GateAsync(context, learning, retry))
            {
                return await CloseLocalAsync(context, learning);
            }

            if (resumeAt <= PublishStages.Order(PublishStages.Verifying) && !await steps.RunAsync(PublishStages.Verifying, async () =>
            {
                context.SetCustomStatus(new PublishStatus("Verifying", input.Cid, string.Join(", ", plan.Gateways)));
                var checks = await Task.WhenAll(plan.Gateways.Select(g => VerifyAsync(context, learning, g, retry)));
                var verified = checks.Count(c => c.Outcome == GatewayOutcomes.Verified);
                return verified >= plan.Quorum
                    ? null
                    : $"Only {verified} of {plan.Gateways.Count} gateways served matching bytes; {plan.Quorum} are needed. "
                        + string.Join("; ", checks.Where(c => c.Outcome != GatewayOutcomes.Verified).Select(c => $"{c.Gateway}: {c.Outcome} {c.Reason}"));
            }))
            {
                return await DiscardedAsync(context, learning, steps);
            }

            if (!await GateAsync(context, learning, retry))
            {
                return await CloseLocalAsync(context, learning);
            }

            // Anchoring failures belong to the batch (AnchorBatch dead-letters the batch); here the learning only waits.
            var anchor = progress.ConfirmedAnchor;
            if (anchor is null)
            {
                context.SetCustomStatus(new PublishStatus("Anchoring", input.Cid));
                context.SendEvent(AnchorCollector.InstanceId, AnchorCollector.ReadyEvent, new ReadyForAnchor(input.LearningId, input.ContributorId, input.Cid));
                var anchored = await context.WaitForExternalEvent<AnchorNotice>(AnchoredEvent);

                context.SetCustomStatus(new PublishStatus("Confirming", input.Cid, anchored.Anchor.TransactionHash));
                await context.CallActivityAsync(nameof(RecordAnchor), new AnchoredLearning(learning, anchored.Anchor), retry);
                anchor = (await context.WaitForExternalEvent<AnchorNotice>(ConfirmedEvent)).Anchor;
            }

            if (!await steps.RunAsync(PublishStages.Rewarding, async () =>
            {
                context.SetCustomStatus(new PublishStatus("Rewarding", input.Cid));
                await context.CallActivityAsync(nameof(RecordReward), new ConfirmedLearning(learning, anchor), retry);
                return null;
            }))
            {
                return await DiscardedAsync(context, learning, steps);
            }

            context.SetCustomStatus(new PublishStatus("Rewarded", input.Cid));
            return LearningStatus.Rewarded;
        }
        catch (TaskFailedException e)
        {
            return await CloseAsync(context, learning, LearningStatus.Failed, $"A step failed and cannot be replayed: {e.FailureDetails.ErrorMessage}");
        }
    }

    /// <summary>
    /// Before each step: false when the contributor's controls keep the learning local now; while paused (by the
    /// contributor or the operator), waits for "Resume" and looks again.
    /// </summary>
    private static async Task<bool> GateAsync(TaskOrchestrationContext context, LearningRef learning, TaskOptions retry)
    {
        while (true)
        {
            var verdict = await context.CallActivityAsync<ControlsVerdict>(nameof(CheckControls), learning, retry);
            if (verdict.LocalOnly)
            {
                return false;
            }

            if (!verdict.Paused)
            {
                return true;
            }

            context.SetCustomStatus(new PublishStatus("Paused", learning.Cid, "Uploads are paused; the next step waits for resume."));
            await context.WaitForExternalEvent<bool>(ResumeEvent);
        }
    }

    private static Task<LearningStatus> CloseLocalAsync(TaskOrchestrationContext context, LearningRef learning) =>
        CloseAsync(context, learning, LearningStatus.LocalOnly,
            "Uploads were turned off or local-only mode was switched on before this step; it stays inside the service from here.");

    private static Task<LearningStatus> DiscardedAsync(TaskOrchestrationContext context, LearningRef learning, DeadLetterSteps steps) =>
        CloseAsync(context, learning, LearningStatus.Failed, steps.DiscardReason ?? "Deleted from the dead letters by the operator.");

    private static async Task<GatewayResult> VerifyAsync(TaskOrchestrationContext context, LearningRef learning, string gateway, TaskOptions retry)
    {
        try
        {
            return await context.CallActivityAsync<GatewayResult>(nameof(VerifyOnGateway), new VerifyRequest(learning, gateway), retry);
        }
        catch (TaskFailedException e)
        {
            return new GatewayResult(gateway, GatewayOutcomes.Unavailable, 0, e.FailureDetails.ErrorMessage);
        }
    }

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
    public const string Checking = "Checking";
    public const string Pinning = "Pinning";
    public const string Verifying = "Verifying";
    public const string Anchoring = "Anchoring";
    public const string Rewarding = "Rewarding";

    public static readonly string[] All = [Approval, Checking, Pinning, Verifying, Anchoring, Rewarding];

    /// <summary>0 for none (a fresh start) or Approval; later stages count up.</summary>
    public static int Order(string? stage) => stage is null ? 0 : Math.Max(0, Array.IndexOf(All, stage));

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
        LearningStatus.Approved => Checking,
        LearningStatus.Pinning => Pinning,
        LearningStatus.Verifying => Verifying,
        LearningStatus.Anchoring or LearningStatus.Confirming => Anchoring,
        _ => null,
    };
}
