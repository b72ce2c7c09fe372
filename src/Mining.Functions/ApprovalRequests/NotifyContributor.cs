using Microsoft.Extensions.Options;
using Microsoft.DurableTask;
using Mining.Functions.Contributors;
using Mining.Functions.Learnings;
using Mining.Functions.Notifications;
using Mining.Functions.Options;
using Mining.Functions.Settings;

namespace Mining.Functions.ApprovalRequests;

/// <summary>
/// Sends the approval request on the contributor's channel with a fresh single-use link, then stamps the record's
/// <see cref="LearningRecord.NotifiedAt"/>. A learning is notified once; a crash between the two sends it again.
/// Returns the contributor's decision when one is stored by then, else null.
/// </summary>
/// <remarks>
/// A decision can be stored before the learning's orchestration has run its first episode (a script approving at once).
/// The Azure Storage backend sends an orchestration's start message before it writes its instance row, and a session
/// that holds only the approval event of an instance with no history yet discards that event. Reading the stored
/// decision here, the orchestration's first step, closes that gap: a decision stored later finds it running, so its
/// event is kept.
/// </remarks>
internal sealed class NotifyContributor(
    LearningStore learnings,
    ContributorStore contributors,
    ApprovalTokens tokens,
    ApprovalNotifier notifier,
    SettingsStore settings,
    IOptions<ServiceOptions> service,
    ApprovalStore approvals,
    TimeProvider time) : TaskActivity<LearningRef, ApprovalDecision?>
{
    public override async Task<ApprovalDecision?> RunAsync(TaskActivityContext context, LearningRef input)
    {
        var record = await learnings.FindRecentAsync(input.ContributorId, input.LearningId, CancellationToken.None)
            ?? throw new InvalidOperationException($"Learning {input.LearningId} has no record.");
        if (record.NotifiedAt is not null)
        {
            return await approvals.FindDecisionAsync(input.LearningId, CancellationToken.None);
        }

        var contributor = await contributors.FindAsync(input.ContributorId, CancellationToken.None)
            ?? throw new InvalidOperationException($"Contributor {input.ContributorId} does not exist.");
        var expires = record.ApprovalExpiresAt ?? DateTimeOffset.MaxValue;
        var token = tokens.Issue(record.Id, record.ContributorId, record.Cid, expires);
        var url = new Uri(service.Value.PublicBaseUrl!, "approvals/" + token);
        var controls = await settings.GetRecentAsync(input.ContributorId, CancellationToken.None);
        await notifier.SendAsync(controls, contributor.Email, new ApprovalRequest(record.Id, record.Title, record.Cid, url, expires), CancellationToken.None);
        await learnings.UpdateAsync(input.ContributorId, input.LearningId, r => r with { NotifiedAt = r.NotifiedAt ?? time.GetUtcNow() }, CancellationToken.None);
        return await approvals.FindDecisionAsync(input.LearningId, CancellationToken.None);
    }
}
