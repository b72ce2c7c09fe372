using System.Globalization;
using System.Numerics;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using Mining.Core.Rewards;
using Mining.Functions.Storage;

namespace Mining.Functions.Rewards;

/// <summary>One ledger entry: a learning's reward and where it stands.</summary>
public sealed record RewardEntry(
    string LearningId, string ContributorId, string Cid, string Account, string Amount, string State, string Outcome, string? BatchId, DateTimeOffset RecordedAt);

/// <summary>
/// The rewards ledger: one row per learning (partition = contributor), written once when its batch is prepared
/// (pending), then moved to claimable when the anchor is confirmed; a CID index makes a duplicate CID earn nothing.
/// Recording is keyed by learning id, so a repeated call changes nothing.
/// </summary>
internal sealed class RewardLedger(AppStorage storage, DocumentStore documents, RewardPolicy policy, TimeProvider time)
{
    public const string Pending = "pending";
    public const string Claimable = "claimable";
    private const string CidPartition = "cid";

    private TableClient Table => storage.Table(AppStorage.RewardsTable);

    /// <summary>Computes and records the reward of a learning unless it has one; returns the entry.</summary>
    public async Task<RewardEntry> RecordAsync(string learningId, string contributorId, string cid, string batchId, CancellationToken cancellationToken)
    {
        if (await FindAsync(contributorId, learningId, cancellationToken) is { } existing)
        {
            return existing;
        }

        var document = await documents.ReadDocumentAsync(cid, cancellationToken)
            ?? throw new InvalidOperationException($"The stored document for CID {cid} is missing.");
        using var json = JsonDocument.Parse(document);
        var metadata = json.RootElement.GetProperty("metadata");
        var account = json.RootElement.GetProperty("contributor").GetProperty("rewardAddress").GetString()!;
        var now = time.GetUtcNow();
        var duplicate = await Table.GetEntityIfExistsAsync<TableEntity>(CidPartition, cid, cancellationToken: cancellationToken) is { HasValue: true } owner
            && owner.Value!.GetString("LearningId") != learningId;
        var decision = policy.Compute(new RewardRequest(
            cid,
            metadata.GetProperty("quality").GetDouble(),
            metadata.GetProperty("confidence").GetDouble(),
            duplicate,
            await RewardedOnAsync(contributorId, now, cancellationToken)));

        if (!duplicate)
        {
            await Table.UpsertEntityAsync(new TableEntity(CidPartition, cid) { ["LearningId"] = learningId }, TableUpdateMode.Replace, cancellationToken);
        }

        var entry = new RewardEntry(
            learningId, contributorId, cid, account, decision.Amount.ToString(CultureInfo.InvariantCulture), Pending, decision.Outcome.ToString(), batchId, now);
        try
        {
            await Table.AddEntityAsync(ToEntity(entry), cancellationToken);
            return entry;
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            return (await FindAsync(contributorId, learningId, cancellationToken))!;
        }
    }

    public async Task<RewardEntry?> FindAsync(string contributorId, string learningId, CancellationToken cancellationToken)
    {
        var row = await Table.GetEntityIfExistsAsync<TableEntity>(contributorId, learningId, cancellationToken: cancellationToken);
        return row.HasValue ? FromEntity(row.Value!) : null;
    }

    public async Task<RewardEntry> MarkClaimableAsync(string contributorId, string learningId, CancellationToken cancellationToken)
    {
        await Table.UpdateEntityAsync(
            new TableEntity(contributorId, learningId) { ["State"] = Claimable }, ETag.All, TableUpdateMode.Merge, cancellationToken);
        return (await FindAsync(contributorId, learningId, cancellationToken))!;
    }

    public async Task<IReadOnlyList<RewardEntry>> HistoryAsync(string contributorId, CancellationToken cancellationToken)
    {
        var entries = new List<RewardEntry>();
        await foreach (var row in Table.QueryAsync<TableEntity>(e => e.PartitionKey == contributorId, cancellationToken: cancellationToken))
        {
            entries.Add(FromEntity(row));
        }

        return [.. entries.OrderBy(e => e.RecordedAt)];
    }

    /// <summary>Every account's total of recorded rewards: the cumulative amounts a rewards tree commits to.</summary>
    public async Task<IReadOnlyDictionary<string, BigInteger>> CumulativeByAccountAsync(CancellationToken cancellationToken)
    {
        var totals = new Dictionary<string, BigInteger>(StringComparer.OrdinalIgnoreCase);
        await foreach (var row in Table.QueryAsync<TableEntity>(e => e.PartitionKey != CidPartition, cancellationToken: cancellationToken))
        {
            var entry = FromEntity(row);
            totals[entry.Account] = totals.GetValueOrDefault(entry.Account) + BigInteger.Parse(entry.Amount, CultureInfo.InvariantCulture);
        }

        return totals;
    }

    private async Task<BigInteger> RewardedOnAsync(string contributorId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var total = BigInteger.Zero;
        foreach (var entry in await HistoryAsync(contributorId, cancellationToken))
        {
            if (entry.RecordedAt.UtcDateTime.Date == now.UtcDateTime.Date)
            {
                total += BigInteger.Parse(entry.Amount, CultureInfo.InvariantCulture);
            }
        }

        return total;
    }

    private static TableEntity ToEntity(RewardEntry e) => new(e.ContributorId, e.LearningId)
    {
        ["Cid"] = e.Cid,
        ["Account"] = e.Account,
        ["Amount"] = e.Amount,
        ["State"] = e.State,
        ["Outcome"] = e.Outcome,
        ["BatchId"] = e.BatchId,
        ["RecordedAt"] = e.RecordedAt,
    };

    private static RewardEntry FromEntity(TableEntity e) => new(
        e.RowKey, e.PartitionKey, e.GetString("Cid"), e.GetString("Account"), e.GetString("Amount"), e.GetString("State"),
        e.GetString("Outcome"), e.GetString("BatchId"), e.GetDateTimeOffset("RecordedAt")!.Value);
}
