using System.Globalization;
using System.Numerics;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using Mining.Core.Rewards;
using Mining.Functions.Learnings;
using Mining.Functions.Storage;

namespace Mining.Functions.Rewards;

/// <summary>
/// The rewards ledger: one row per learning (partition = contributor, row = learning id) that moves
/// pending → confirmed → claimable → claimed (<see cref="RewardStates"/>), never back. Rows are written per batch in
/// entity-group transactions; a CID index makes a duplicate CID earn nothing, and an account index names the
/// contributors whose entries a <c>Claimed</c> event of an account can cover.
/// </summary>
/// <remarks>Every method is idempotent: recording is keyed by learning id, and a transition already made changes nothing.</remarks>
internal sealed class RewardLedger(AppStorage storage, DocumentStore documents, RewardPolicy policy, TimeProvider time)
{
    private const string CidPartition = "cid";
    private const string AccountPartition = "account";
    private const int MaxTransaction = 100;

    private TableClient Table => storage.Table(AppStorage.RewardsTable);

    /// <summary>
    /// Records the reward of each learning of a batch that has none yet (pending) and returns the batch's entries in
    /// item order. Reads the contributor's entries of the day once per contributor for the daily cap.
    /// </summary>
    public async Task<IReadOnlyList<RewardEntry>> RecordBatchAsync(string batchId, IReadOnlyList<ReadyForAnchor> items, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var startOfDay = new DateTimeOffset(now.UtcDateTime.Date, TimeSpan.Zero);
        var entries = new Dictionary<string, RewardEntry>(StringComparer.Ordinal);
        var cidOwners = await CidOwnersAsync([.. items.Select(i => i.Cid.ToString()).Distinct(StringComparer.Ordinal)], cancellationToken);
        var ownedCids = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var group in items.GroupBy(i => i.ContributorId, StringComparer.Ordinal))
        {
            var contributorId = group.Key;
            var known = new Dictionary<string, RewardEntry>(StringComparer.Ordinal);
            var rewardedToday = BigInteger.Zero;
            var filter = TableClient.CreateQueryFilter($"PartitionKey eq {contributorId} and (RecordedAt ge {startOfDay} or BatchId eq {batchId})");
            await foreach (var row in Table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
            {
                var entry = FromEntity(row);
                known[entry.LearningId] = entry;
                if (entry.RecordedAt >= startOfDay)
                {
                    rewardedToday += BigInteger.Parse(entry.Amount, CultureInfo.InvariantCulture);
                }
            }

            var added = new List<RewardEntry>();
            // Entries of this batch recorded by an earlier run are in `known`; any other conflict is settled when adding.
            foreach (var item in group.DistinctBy(i => i.LearningId))
            {
                if (known.TryGetValue(item.LearningId, out var existing))
                {
                    entries[item.LearningId] = existing;
                    continue;
                }

                var entry = await ComputeAsync(item, batchId, rewardedToday, cidOwners, ownedCids, now, cancellationToken);
                rewardedToday += BigInteger.Parse(entry.Amount, CultureInfo.InvariantCulture);
                added.Add(entry);
                entries[item.LearningId] = entry;
            }

            await AddAllAsync(contributorId, added, cancellationToken);
            foreach (var entry in added)
            {
                entries[entry.LearningId] = entry;
            }

            foreach (var account in added.Select(e => e.Account).Distinct(StringComparer.OrdinalIgnoreCase))
            {
                await IndexAccountAsync(account, contributorId, cancellationToken);
            }
        }

        await SubmitInChunksAsync(
            [.. ownedCids.Select(c => new TableTransactionAction(TableTransactionActionType.UpsertReplace, new TableEntity(CidPartition, c.Key) { ["LearningId"] = c.Value }))],
            cancellationToken);
        return [.. items.DistinctBy(i => i.LearningId).Select(i => entries[i.LearningId])];
    }

    /// <summary>Stores on each entry the account's cumulative amount in its batch's rewards tree (what a claim must reach).</summary>
    public async Task SetCumulativeAsync(IReadOnlyList<RewardEntry> entries, IReadOnlyDictionary<string, BigInteger> totals, CancellationToken cancellationToken)
    {
        foreach (var group in entries.GroupBy(e => e.ContributorId, StringComparer.Ordinal))
        {
            await SubmitInChunksAsync(
                [.. group.Select(e => new TableTransactionAction(TableTransactionActionType.UpdateMerge, new TableEntity(e.ContributorId, e.LearningId)
                {
                    ["Cumulative"] = totals.GetValueOrDefault(e.Account).ToString(CultureInfo.InvariantCulture),
                }))],
                cancellationToken);
        }
    }

    public async Task<RewardEntry?> FindAsync(string contributorId, string learningId, CancellationToken cancellationToken)
    {
        var row = await Table.GetEntityIfExistsAsync<TableEntity>(contributorId, learningId, cancellationToken: cancellationToken);
        return row.HasValue ? FromEntity(row.Value!) : null;
    }

    /// <summary>
    /// The anchor of the entry's batch has its confirmations: records confirmed (with the anchor transaction) and,
    /// because the batch's rewards root — which contains the entry — is then on chain with its claim data stored,
    /// claimable, each with its time.
    /// </summary>
    public async Task<RewardEntry> ConfirmAsync(string contributorId, string learningId, string anchorTransaction, long? anchorBlock, CancellationToken cancellationToken) =>
        await ChangeAsync(contributorId, learningId, entry => Confirmed(entry, anchorTransaction, anchorBlock), cancellationToken);

    /// <summary>
    /// <see cref="ConfirmAsync"/> for every entry of a batch: one query and entity-group transactions per contributor
    /// (a transaction that meets a concurrent change falls back to one entry at a time). Returns the entries by learning id.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, RewardEntry>> ConfirmBatchAsync(
        string batchId, IEnumerable<string> contributorIds, string anchorTransaction, long? anchorBlock, CancellationToken cancellationToken)
    {
        var confirmed = new Dictionary<string, RewardEntry>(StringComparer.Ordinal);
        foreach (var contributorId in contributorIds.Distinct(StringComparer.Ordinal))
        {
            var changes = new List<(RewardEntry Updated, ETag ETag)>();
            var filter = TableClient.CreateQueryFilter($"PartitionKey eq {contributorId} and BatchId eq {batchId}");
            await foreach (var row in Table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
            {
                var current = FromEntity(row);
                var updated = Confirmed(current, anchorTransaction, anchorBlock);
                confirmed[current.LearningId] = updated;
                if (updated != current)
                {
                    changes.Add((updated, row.ETag));
                }
            }

            foreach (var chunk in changes.Chunk(MaxTransaction))
            {
                try
                {
                    await Table.SubmitTransactionAsync(
                        [.. chunk.Select(c => new TableTransactionAction(TableTransactionActionType.UpdateMerge, ToEntity(c.Updated), c.ETag))], cancellationToken);
                }
                catch (TableTransactionFailedException e) when (e.Status == 412)
                {
                    foreach (var (updated, _) in chunk)
                    {
                        confirmed[updated.LearningId] = await ConfirmAsync(contributorId, updated.LearningId, anchorTransaction, anchorBlock, cancellationToken);
                    }
                }
            }
        }

        return confirmed;
    }

    private RewardEntry Confirmed(RewardEntry entry, string anchorTransaction, long? anchorBlock) => entry with
    {
        State = RewardStates.Max(entry.State, RewardStates.Claimable),
        ConfirmedAt = entry.ConfirmedAt ?? time.GetUtcNow(),
        AnchorTransaction = entry.AnchorTransaction ?? anchorTransaction,
        AnchorBlock = entry.AnchorBlock ?? anchorBlock,
        ClaimableAt = entry.ClaimableAt ?? time.GetUtcNow(),
    };

    /// <summary>
    /// A <c>Claimed</c> event brought <paramref name="account"/>'s claimed total to <paramref name="claimedCumulative"/>: every
    /// entry of the account whose cumulative amount it reaches becomes claimed with the claim transaction. Entries
    /// already claimed keep their transaction, so processing the same event again changes nothing. Returns how many changed.
    /// </summary>
    public async Task<int> MarkClaimedAsync(string account, BigInteger claimedCumulative, string transaction, long block, CancellationToken cancellationToken)
    {
        var index = await Table.GetEntityIfExistsAsync<TableEntity>(AccountPartition, account.ToLowerInvariant(), cancellationToken: cancellationToken);
        if (!index.HasValue)
        {
            return 0;
        }

        var changed = 0;
        foreach (var contributorId in Contributors(index.Value!))
        {
            await foreach (var row in Table.QueryAsync<TableEntity>(e => e.PartitionKey == contributorId, cancellationToken: cancellationToken))
            {
                var entry = FromEntity(row);
                if (entry.State == RewardStates.Claimed || entry.Cumulative is not { Length: > 0 } cumulative
                    || !string.Equals(entry.Account, account, StringComparison.OrdinalIgnoreCase)
                    || BigInteger.Parse(cumulative, CultureInfo.InvariantCulture) > claimedCumulative)
                {
                    continue;
                }

                await ChangeAsync(contributorId, entry.LearningId, e => e.State == RewardStates.Claimed ? e : e with
                {
                    State = RewardStates.Claimed,
                    ClaimedAt = time.GetUtcNow(),
                    ClaimTransaction = transaction,
                    ClaimBlock = block,
                }, cancellationToken);
                changed++;
            }
        }

        return changed;
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

    /// <summary>
    /// Every account's total over the entries recorded before cumulative amounts were kept per batch (rows without a
    /// <c>Cumulative</c> property): the starting point of the first rewards tree built the new way.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, BigInteger>> LegacyTotalsAsync(CancellationToken cancellationToken)
    {
        var totals = new Dictionary<string, BigInteger>(StringComparer.OrdinalIgnoreCase);
        await foreach (var row in Table.QueryAsync<TableEntity>(
            e => e.PartitionKey != CidPartition && e.PartitionKey != AccountPartition, cancellationToken: cancellationToken))
        {
            if (!row.ContainsKey("Cumulative") && !row.PartitionKey.StartsWith(RewardTotals.LegacyPartition, StringComparison.Ordinal))
            {
                var entry = FromEntity(row);
                totals[entry.Account] = totals.GetValueOrDefault(entry.Account) + BigInteger.Parse(entry.Amount, CultureInfo.InvariantCulture);
            }
        }

        return totals;
    }

    private async Task<RewardEntry> ComputeAsync(
        ReadyForAnchor item, string batchId, BigInteger rewardedToday, IReadOnlyDictionary<string, string> cidOwners, Dictionary<string, string> ownedCids,
        DateTimeOffset now, CancellationToken cancellationToken)
    {
        var document = await documents.ReadRecentDocumentAsync(item.Cid, cancellationToken)
            ?? throw new InvalidOperationException($"The stored document for CID {item.Cid} is missing.");
        using var json = JsonDocument.Parse(document);
        var metadata = json.RootElement.GetProperty("metadata");
        var account = json.RootElement.GetProperty("contributor").GetProperty("rewardAddress").GetString()!;
        var owner = ownedCids.GetValueOrDefault(item.Cid.ToString()) ?? cidOwners.GetValueOrDefault(item.Cid.ToString());
        var duplicate = owner is not null && owner != item.LearningId;
        if (!duplicate)
        {
            ownedCids[item.Cid.ToString()] = item.LearningId;
        }

        var decision = policy.Compute(new RewardRequest(
            item.Cid.ToString(), metadata.GetProperty("quality").GetDouble(), metadata.GetProperty("confidence").GetDouble(), duplicate, rewardedToday));
        return new RewardEntry(
            item.LearningId, item.ContributorId, item.Cid.ToString(), account, decision.Amount.ToString(CultureInfo.InvariantCulture), RewardStates.Pending,
            decision.Outcome.ToString(), batchId, now) { Cumulative = string.Empty };
    }

    /// <summary>Which learning owns each of <paramref name="cids"/> already (read 20 at a time from the CID index).</summary>
    private async Task<IReadOnlyDictionary<string, string>> CidOwnersAsync(IReadOnlyList<string> cids, CancellationToken cancellationToken)
    {
        var owners = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var chunk in cids.Chunk(20))
        {
            var rows = string.Join(" or ", chunk.Select(c => TableClient.CreateQueryFilter($"RowKey eq {c}")));
            await foreach (var row in Table.QueryAsync<TableEntity>(
                TableClient.CreateQueryFilter($"PartitionKey eq {CidPartition}") + $" and ({rows})", cancellationToken: cancellationToken))
            {
                owners[row.RowKey] = row.GetString("LearningId");
            }
        }

        return owners;
    }

    /// <summary>Adds new entries in entity-group transactions; when another run added some of them first, one by one.</summary>
    private async Task AddAllAsync(string contributorId, List<RewardEntry> added, CancellationToken cancellationToken)
    {
        try
        {
            await SubmitInChunksAsync([.. added.Select(e => new TableTransactionAction(TableTransactionActionType.Add, ToEntity(e)))], cancellationToken);
        }
        catch (TableTransactionFailedException e) when (e.Status == 409)
        {
            for (var i = 0; i < added.Count; i++)
            {
                try
                {
                    await Table.AddEntityAsync(ToEntity(added[i]), cancellationToken);
                }
                catch (RequestFailedException conflict) when (conflict.Status == 409)
                {
                    added[i] = (await FindAsync(contributorId, added[i].LearningId, cancellationToken))!;
                }
            }
        }
    }

    private async Task SubmitInChunksAsync(IReadOnlyList<TableTransactionAction> actions, CancellationToken cancellationToken)
    {
        foreach (var chunk in actions.Chunk(MaxTransaction))
        {
            await Table.SubmitTransactionAsync(chunk, cancellationToken);
        }
    }

    private async Task IndexAccountAsync(string account, string contributorId, CancellationToken cancellationToken)
    {
        var key = account.ToLowerInvariant();
        for (var attempt = 0; ; attempt++)
        {
            var row = await Table.GetEntityIfExistsAsync<TableEntity>(AccountPartition, key, cancellationToken: cancellationToken);
            var contributors = row.HasValue ? Contributors(row.Value!) : [];
            if (contributors.Contains(contributorId, StringComparer.Ordinal))
            {
                return;
            }

            var entity = new TableEntity(AccountPartition, key) { ["Contributors"] = string.Join(',', contributors.Append(contributorId)) };
            try
            {
                if (row.HasValue)
                {
                    await Table.UpdateEntityAsync(entity, row.Value!.ETag, TableUpdateMode.Replace, cancellationToken);
                }
                else
                {
                    await Table.AddEntityAsync(entity, cancellationToken);
                }

                return;
            }
            catch (RequestFailedException e) when (e.Status is 409 or 412 && attempt < 20)
            {
            }
        }
    }

    private static string[] Contributors(TableEntity index) =>
        index.GetString("Contributors")?.Split(',', StringSplitOptions.RemoveEmptyEntries) ?? [];

    private async Task<RewardEntry> ChangeAsync(string contributorId, string learningId, Func<RewardEntry, RewardEntry> change, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            var row = await Table.GetEntityAsync<TableEntity>(contributorId, learningId, cancellationToken: cancellationToken);
            var current = FromEntity(row.Value);
            var updated = change(current);
            if (updated == current)
            {
                return current;
            }

            try
            {
                await Table.UpdateEntityAsync(ToEntity(updated), row.Value.ETag, TableUpdateMode.Merge, cancellationToken);
                return updated;
            }
            catch (RequestFailedException e) when (e.Status == 412 && attempt < 20)
            {
            }
        }
    }

    private static TableEntity ToEntity(RewardEntry e)
    {
        var entity = new TableEntity(e.ContributorId, e.LearningId)
        {
            ["Cid"] = e.Cid,
            ["Account"] = e.Account,
            ["Amount"] = e.Amount,
            ["State"] = e.State,
            ["Outcome"] = e.Outcome,
            ["BatchId"] = e.BatchId,
            ["RecordedAt"] = e.RecordedAt,
        };
        Set(entity, "Cumulative", e.Cumulative);
        Set(entity, "ConfirmedAt", e.ConfirmedAt);
        Set(entity, "AnchorTransaction", e.AnchorTransaction);
        Set(entity, "AnchorBlock", e.AnchorBlock);
        Set(entity, "ClaimableAt", e.ClaimableAt);
        Set(entity, "ClaimedAt", e.ClaimedAt);
        Set(entity, "ClaimTransaction", e.ClaimTransaction);
        Set(entity, "ClaimBlock", e.ClaimBlock);
        return entity;
    }

    private static void Set(TableEntity entity, string name, object? value)
    {
        if (value is not null)
        {
            entity[name] = value;
        }
    }

    private static RewardEntry FromEntity(TableEntity e) => new(
        e.RowKey, e.PartitionKey, e.GetString("Cid"), e.GetString("Account"), e.GetString("Amount"), e.GetString("State"),
        e.GetString("Outcome"), e.GetString("BatchId"), e.GetDateTimeOffset("RecordedAt")!.Value)
    {
        Cumulative = e.GetString("Cumulative") is { Length: > 0 } cumulative ? cumulative : null,
        ConfirmedAt = e.GetDateTimeOffset("ConfirmedAt"),
        AnchorTransaction = e.GetString("AnchorTransaction"),
        AnchorBlock = e.GetInt64("AnchorBlock"),
        ClaimableAt = e.GetDateTimeOffset("ClaimableAt"),
        ClaimedAt = e.GetDateTimeOffset("ClaimedAt"),
        ClaimTransaction = e.GetString("ClaimTransaction"),
        ClaimBlock = e.GetInt64("ClaimBlock"),
    };
}
