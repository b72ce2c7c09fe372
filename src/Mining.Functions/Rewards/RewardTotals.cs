using System.Globalization;
using System.Numerics;
using Azure;
using Azure.Data.Tables;
using Mining.Contracts;
using Mining.Core.Merkle;
using Mining.Ethereum;
using Mining.Functions.Batches;
using Mining.Functions.Storage;

namespace Mining.Functions.Rewards;

/// <summary>A batch's rewards tree: every account's cumulative reward once the batch is counted.</summary>
internal sealed record RewardsTree(Hash32 Root, IReadOnlyList<RewardLeaf> Leaves)
{
    public IReadOnlyDictionary<string, BigInteger> Totals => Leaves.ToDictionary(
        l => l.Account, l => BigInteger.Parse(l.CumulativeAmount, CultureInfo.InvariantCulture), StringComparer.OrdinalIgnoreCase);
}

/// <summary>
/// Every account's cumulative reward, carried from batch to batch: a batch's rewards tree is the tree of the batch
/// counted before it plus its own entries, so preparing a batch reads one earlier batch instead of the whole ledger.
/// The order is a chain kept in the rewards table, one per registry (partition <see cref="ChainOf"/>: row <c>head</c>
/// names the last counted batch, one row per batch names the batch it was built on), advanced with ETags: concurrent
/// batches are counted one after the other, none twice and none lost. Per registry, because claims are proven against
/// one registry's rewards root and paid by its token.
/// </summary>
/// <remarks>
/// Idempotent: a batch already in the chain gets its stored tree back. A registry's first batch builds on the head of
/// the chain kept before chains were per registry (partition <see cref="LegacyPartition"/>), if there is one, else on the
/// entries recorded before cumulative totals were kept (<see cref="RewardLedger.LegacyTotalsAsync"/>).
/// </remarks>
internal sealed class RewardTotals(AppStorage storage, BatchStore batches, RewardLedger ledger)
{
    /// <summary>Where every partition of the chains starts; the chain of the time before one chain per registry had exactly this name.</summary>
    public const string LegacyPartition = "totals";
    private const string HeadRow = "head";

    /// <summary>The partition of <paramref name="deployment"/>'s chain.</summary>
    public static string ChainOf(LearningDeployment deployment) =>
        string.Create(CultureInfo.InvariantCulture, $"{LegacyPartition}-{deployment.ChainId}-{deployment.Registry.ToString().ToLowerInvariant()}");

    private TableClient Table => storage.Table(AppStorage.RewardsTable);

    /// <summary>Counts <paramref name="entries"/> (the batch's ledger entries) and stores the batch's rewards tree on its record.</summary>
    public async Task<RewardsTree> IncludeAsync(string chain, string batchId, IReadOnlyList<RewardEntry> entries, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            var head = await Table.GetEntityIfExistsAsync<TableEntity>(chain, HeadRow, cancellationToken: cancellationToken);
            var headBatch = head.HasValue ? head.Value!.GetString("BatchId") : await LegacyHeadAsync(cancellationToken);
            var link = await Table.GetEntityIfExistsAsync<TableEntity>(chain, batchId, cancellationToken: cancellationToken);
            if (link.HasValue && await ContainsAsync(chain, headBatch, batchId, Base(link.Value!), cancellationToken))
            {
                return Tree((await batches.FindAsync(batchId, cancellationToken))!.Rewards);
            }

            var totals = new Dictionary<string, BigInteger>(
                headBatch is null
                    ? await ledger.LegacyTotalsAsync(cancellationToken)
                    : Tree((await batches.FindAsync(headBatch, cancellationToken))!.Rewards).Totals,
                StringComparer.OrdinalIgnoreCase);
            foreach (var entry in entries)
            {
                totals[entry.Account] = totals.GetValueOrDefault(entry.Account) + BigInteger.Parse(entry.Amount, CultureInfo.InvariantCulture);
            }

            var tree = Build(totals);
            await batches.UpdateAsync(batchId, b => b with { Rewards = tree.Leaves }, cancellationToken);
            await Table.UpsertEntityAsync(new TableEntity(chain, batchId) { ["Base"] = headBatch ?? string.Empty }, TableUpdateMode.Replace, cancellationToken);
            try
            {
                var next = new TableEntity(chain, HeadRow) { ["BatchId"] = batchId };
                if (head.HasValue)
                {
                    await Table.UpdateEntityAsync(next, head.Value!.ETag, TableUpdateMode.Replace, cancellationToken);
                }
                else
                {
                    await Table.AddEntityAsync(next, cancellationToken);
                }

                return tree;
            }
            catch (RequestFailedException e) when (e.Status is 409 or 412 && attempt < 100)
            {
                // Another batch was counted meanwhile: build on it.
            }
        }
    }

    /// <summary>The batch whose rewards tree <paramref name="batchId"/>'s was built on (null: the first, or not counted yet).</summary>
    public async Task<string?> CountedBeforeAsync(string chain, string batchId, CancellationToken cancellationToken)
    {
        var link = await Table.GetEntityIfExistsAsync<TableEntity>(chain, batchId, cancellationToken: cancellationToken);
        return link.HasValue ? Base(link.Value!) : null;
    }

    /// <summary>The batches counted after <paramref name="batchId"/>, newest first (walks back from the head to it).</summary>
    public async Task<IReadOnlyList<string>> CountedAfterAsync(string chain, string batchId, CancellationToken cancellationToken)
    {
        var head = await Table.GetEntityIfExistsAsync<TableEntity>(chain, HeadRow, cancellationToken: cancellationToken);
        var after = new List<string>();
        var current = head.HasValue ? head.Value!.GetString("BatchId") : null;
        while (current is not null && current != batchId)
        {
            after.Add(current);
            var row = await Table.GetEntityIfExistsAsync<TableEntity>(chain, current, cancellationToken: cancellationToken);
            current = row.HasValue ? Base(row.Value!) : null;
        }

        return current == batchId ? after : [];
    }

    /// <summary>True when <paramref name="batchId"/> is in the chain that ends at <paramref name="head"/> (walks back to the batch it was built on).</summary>
    private async Task<bool> ContainsAsync(string chain, string? head, string batchId, string? builtOn, CancellationToken cancellationToken)
    {
        for (var current = head; current is not null && current != builtOn;)
        {
            if (current == batchId)
            {
                return true;
            }

            var row = await Table.GetEntityIfExistsAsync<TableEntity>(chain, current, cancellationToken: cancellationToken);
            current = row.HasValue ? Base(row.Value!) : null;
        }

        return false;
    }

    private async Task<string?> LegacyHeadAsync(CancellationToken cancellationToken)
    {
        var head = await Table.GetEntityIfExistsAsync<TableEntity>(LegacyPartition, HeadRow, cancellationToken: cancellationToken);
        return head.HasValue ? head.Value!.GetString("BatchId") : null;
    }

    private static string? Base(TableEntity link) => link.GetString("Base") is { Length: > 0 } value ? value : null;

    private static RewardsTree Build(Dictionary<string, BigInteger> totals)
    {
        var accounts = totals.Where(t => t.Value.Sign > 0).OrderBy(t => t.Key, StringComparer.OrdinalIgnoreCase)
            .Select(t => (Account: t.Key, Amount: t.Value, Leaf: MerkleLeaves.ForReward(Address.Parse(t.Key), t.Value))).ToList();
        if (accounts.Count == 0)
        {
            return new RewardsTree(Hash32.Zero, []);
        }

        var tree = MerkleTree.Build(accounts.Select(a => a.Leaf));
        return new RewardsTree(tree.Root, [.. accounts.Select(a => new RewardLeaf(
            a.Account, a.Amount.ToString(CultureInfo.InvariantCulture), a.Leaf.ToString(), [.. tree.GetProof(a.Leaf).Select(p => p.ToString())]))]);
    }

    private static RewardsTree Tree(IReadOnlyList<RewardLeaf> leaves) => leaves.Count == 0
        ? new RewardsTree(Hash32.Zero, [])
        : new RewardsTree(MerkleTree.ProcessProof(Hash32.Parse(leaves[0].Leaf), leaves[0].Proof.Select(Hash32.Parse)), leaves);
}
