using Microsoft.DurableTask;
using Mining.Functions.ApprovalRequests;
using Mining.Functions.Batches;
using Mining.Functions.Learnings;

namespace Mining.Functions.Publishing;

/// <summary>What a learning had reached before its instance was started again: the stored decision, where it is pinned, a confirmed anchor.</summary>
public sealed record PublishProgress(ApprovalDecision? Decision, IReadOnlyList<string> Pinned, AnchorInfo? ConfirmedAnchor);

/// <summary>Reads a learning's progress from its record, its stored decision and its batch, so a restarted instance resumes where it was.</summary>
internal sealed class LoadProgress(LearningStore learnings, ApprovalStore approvals, BatchStore batches) : TaskActivity<LearningRef, PublishProgress>
{
    public override async Task<PublishProgress> RunAsync(TaskActivityContext context, LearningRef input)
    {
        var ct = CancellationToken.None;
        var record = await learnings.FindAsync(input.ContributorId, input.LearningId, ct)
            ?? throw new InvalidOperationException($"Learning {input.LearningId} has no record.");
        var decision = await approvals.FindDecisionAsync(input.LearningId, ct);
        AnchorInfo? confirmed = null;
        if (record.Anchor is { } anchor && await batches.FindAsync(anchor.BatchId, ct) is { LastCheck: { Confirmed: true } check })
        {
            confirmed = anchor with
            {
                TransactionHash = check.TransactionHash, BlockNumber = check.BlockNumber, BlockHash = check.BlockHash, Confirmations = check.Confirmations,
            };
        }

        return new PublishProgress(decision, [.. record.Pins.Where(p => p.Pinned).Select(p => p.Target)], confirmed);
    }
}
