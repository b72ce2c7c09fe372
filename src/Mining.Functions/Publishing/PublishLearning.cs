using Microsoft.Extensions.Options;
using Mining.Durable;
using Mining.Functions.Approvals;
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
/// stage. Nothing is pinned before an approval for exactly this CID has been received.
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

        try
        {
            if (!await GateAsync(context, learning, retry))
            {
                return await CloseLocalAsync(context, learning);
            }

            context.SetCustomStatus(new PublishStatus("Checking", input.Cid));
            var plan = await context.CallActivityAsync<PublishPlan>(nameof(CheckBeforePublishing), learning, retry);

            context.SetCustomStatus(new PublishStatus("Pinning", input.Cid, string.Join(", ", plan.PinTargets)));
            await Task.WhenAll(plan.PinTargets.Select(t => context.CallActivityAsync<PinResult>(nameof(PinContent), new PinRequest(learning, t), retry)));

            if (!await GateAsync(context, learning, retry))
            {
                return await CloseLocalAsync(context, learning);
            }

            context.SetCustomStatus(new PublishStatus("Verifying", input.Cid, string.Join(", ", plan.Gateways)));
            var checks = await Task.WhenAll(plan.Gateways.Select(g => VerifyAsync(context, learning, g, retry)));
            var verified = checks.Count(c => c.Outcome == GatewayOutcomes.Verified);
            if (verified < plan.Quorum)
            {
                return await CloseAsync(context, learning, LearningStatus.Failed,
                    $"Only {verified} of {plan.Gateways.Count} gateways served matching bytes; {plan.Quorum} are needed. "
                    + string.Join("; ", checks.Where(c => c.Outcome != GatewayOutcomes.Verified).Select(c => $"{c.Gateway}: {c.Outcome} {c.Reason}")));
            }

            if (!await GateAsync(context, learning, retry))
            {
                return await CloseLocalAsync(context, learning);
            }

            context.SetCustomStatus(new PublishStatus("Anchoring", input.Cid));
            context.SendEvent(AnchorCollector.InstanceId, AnchorCollector.ReadyEvent, new ReadyForAnchor(input.LearningId, input.ContributorId, input.Cid));
            var anchored = await context.WaitForExternalEvent<AnchorNotice>(AnchoredEvent);

            context.SetCustomStatus(new PublishStatus("Confirming", input.Cid, anchored.Anchor.TransactionHash));
            await context.CallActivityAsync(nameof(RecordAnchor), new AnchoredLearning(learning, anchored.Anchor), retry);
            var confirmed = await context.WaitForExternalEvent<AnchorNotice>(ConfirmedEvent);

            context.SetCustomStatus(new PublishStatus("Rewarding", input.Cid));
            await context.CallActivityAsync(nameof(RecordReward), new ConfirmedLearning(learning, confirmed.Anchor), retry);
            context.SetCustomStatus(new PublishStatus("Rewarded", input.Cid));
            return LearningStatus.Rewarded;
        }
        catch (TaskFailedException e)
        {
            return await CloseAsync(context, learning, LearningStatus.Failed, $"A step failed after its retries: {e.FailureDetails.ErrorMessage}");
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
