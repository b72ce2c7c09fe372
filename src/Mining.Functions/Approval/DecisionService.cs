using Microsoft.DurableTask.Client;
using Mining.Functions.ApprovalRequests;
using Mining.Functions.Learnings;
using Mining.Functions.Logging;
using Mining.Functions.Publishing;

namespace Mining.Functions.Approval;

/// <summary>The outcome of a decision request.</summary>
internal enum DecideOutcome
{
    Decided,
    NotFound,
    AlreadyDecided,
    CidMismatch,

    /// <summary>The learning is not waiting for a decision (LocalOnly: publish it first).</summary>
    NotAwaitingApproval,
}

/// <summary>
/// Applies a contributor's decision: stored durably first (the first decision wins), then the learning's status,
/// then the "Approval" event to its orchestration. A request that finds the learning decided raises the stored decision
/// again (a decision whose event was lost is delivered then) and answers that it was already decided.
/// </summary>
internal sealed class DecisionService(LearningStore learnings, ApprovalStore approvals, DurableTaskClient durable, TimeProvider time, ILogger<DecisionService> logger)
{
    /// <summary>Decides for the learning; <paramref name="cid"/> is the CID the decision was shown (an approval link's), or null for the record's own (the API's).</summary>
    public async Task<(DecideOutcome Outcome, LearningRecord? Learning)> DecideAsync(
        string contributorId, string learningId, string? cid, bool approve, string channel, CancellationToken cancellationToken)
    {
        // The record as this process last saw it while it awaits approval (the status update below checks its ETag), else as stored.
        var learning = await learnings.FindRecentAsync(contributorId, learningId, cancellationToken) is { Status: LearningStatus.AwaitingApproval } recent
            ? recent
            : await learnings.FindAsync(contributorId, learningId, cancellationToken);
        if (learning is null)
        {
            return (DecideOutcome.NotFound, null);
        }

        if (cid is not null && learning.Cid.ToString() != cid)
        {
            return (DecideOutcome.CidMismatch, learning);
        }

        if (learning.Status == LearningStatus.LocalOnly)
        {
            return (DecideOutcome.NotAwaitingApproval, learning);
        }

        var (outcome, decision) = await approvals.RecordAsync(
            learningId, new ApprovalDecision(approve, learning.Cid, time.GetUtcNow(), channel), cancellationToken);
        if (learning.Status == LearningStatus.AwaitingApproval)
        {
            learning = await learnings.UpdateAsync(contributorId, learningId,
                r => r.Status == LearningStatus.AwaitingApproval ? r with { Status = decision.Approved ? LearningStatus.Approved : LearningStatus.Rejected } : r,
                cancellationToken);
        }

        // Raised again on every request that finds the decision stored: the instance takes the first and ignores the rest.
        await durable.RaiseEventAsync(learningId, PublishLearning.ApprovalEvent, decision, cancellationToken);
        Log.Decided(logger, learningId, learning.Cid, decision.Approved ? "approved" : "rejected", channel);
        return (outcome == DecisionOutcome.Recorded ? DecideOutcome.Decided : DecideOutcome.AlreadyDecided, learning);
    }
}
