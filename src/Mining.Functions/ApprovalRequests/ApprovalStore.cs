using Azure;
using Azure.Data.Tables;
using Mining.Functions.Storage;
using Mining.Ipfs.Multiformats;

namespace Mining.Functions.ApprovalRequests;

/// <summary>The outcome of trying to record a decision.</summary>
internal enum DecisionOutcome
{
    /// <summary>This call recorded the decision.</summary>
    Recorded,

    /// <summary>A decision was already recorded for the learning; nothing changed.</summary>
    AlreadyDecided,
}

/// <summary>
/// Decisions, one row per learning: the first decision wins (an insert that conflicts is refused), so a token or the
/// API can decide a learning once. The row is written before the event is raised; a request that finds it decided
/// raises the stored decision again, so a decision whose event was lost is delivered then.
/// </summary>
internal sealed class ApprovalStore(AppStorage storage)
{
    private TableClient Table => storage.Table(AppStorage.ApprovalsTable);

    public async Task<(DecisionOutcome Outcome, ApprovalDecision Decision)> RecordAsync(
        string learningId, ApprovalDecision decision, CancellationToken cancellationToken)
    {
        var row = new TableEntity(learningId, "decision")
        {
            ["Approved"] = decision.Approved,
            ["Cid"] = decision.Cid.ToString(),
            ["DecidedAt"] = decision.DecidedAt,
            ["Channel"] = decision.Channel,
        };
        try
        {
            await Table.AddEntityAsync(row, cancellationToken);
            return (DecisionOutcome.Recorded, decision);
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            var stored = (await Table.GetEntityAsync<TableEntity>(learningId, "decision", cancellationToken: cancellationToken)).Value;
            var existing = new ApprovalDecision(
                stored.GetBoolean("Approved") == true, Cid.Parse(stored.GetString("Cid")), stored.GetDateTimeOffset("DecidedAt")!.Value, stored.GetString("Channel"));
            return (DecisionOutcome.AlreadyDecided, existing);
        }
    }

    /// <summary>The stored decision for a learning, if any (a restarted instance resumes without asking again).</summary>
    public async Task<ApprovalDecision?> FindDecisionAsync(string learningId, CancellationToken cancellationToken)
    {
        var row = await Table.GetEntityIfExistsAsync<TableEntity>(learningId, "decision", cancellationToken: cancellationToken);
        return row.HasValue
            ? new ApprovalDecision(row.Value!.GetBoolean("Approved") == true, Cid.Parse(row.Value.GetString("Cid")), row.Value.GetDateTimeOffset("DecidedAt")!.Value, row.Value.GetString("Channel"))
            : null;
    }
}
