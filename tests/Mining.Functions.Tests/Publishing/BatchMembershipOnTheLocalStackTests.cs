using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.DurableTask.Client;
using Mining.Functions.Anchoring;
using Mining.Functions.Batches;
using Mining.Functions.Learnings;
using Mining.Functions.Rewards;

namespace Mining.Functions.Tests.Publishing;

/// <summary>
/// A learning handed over to anchoring again after its batch took it (a collector turn that crashed after starting the
/// batch, a learning restarted from a dead letter while its batch anchors) is anchored and rewarded once: a later batch
/// leaves it out, and a batch left with nothing anchors nothing.
/// </summary>
[Collection("DevStack")]
public sealed class BatchMembershipOnTheLocalStackTests(LocalStackApp app) : IClassFixture<LocalStackApp>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(120);

    [Fact]
    public async Task A_learning_ready_again_after_its_batch_took_it_is_left_out_of_later_batches_and_rewarded_once()
    {
        var (client, contributor) = await app.NewContributorAsync();
        var durable = app.Service<DurableTaskClient>();
        var first = await SubmitAndApproveAsync(client);
        var rewarded = await LocalStackApp.WaitForAsync(client, first.Id, r => Status(r) == "Rewarded", Patience);
        var firstBatch = BatchId(rewarded);
        var queue = app.Service<AnchorQueue>();
        ReadyForAnchor Again() => new(first.Id, contributor.Id, Mining.Ipfs.Multiformats.Cid.Parse(first.Cid), DateTime.UtcNow);

        // Alone: the batch that gets it again is prepared empty and sends nothing.
        var since = DateTimeOffset.UtcNow;
        await queue.AddAsync(Again(), CancellationToken.None);
        var alone = await CompletedBatchWithAsync(durable, first.Id, since);
        Assert.Equal(AnchorBatch.Empty, alone.ReadOutputAs<string>());
        var aloneRecord = (await app.Service<BatchStore>().FindAsync(alone.InstanceId, CancellationToken.None))!;
        Assert.Empty(aloneRecord.Items);
        Assert.Empty(aloneRecord.Prepared!.Leaves);
        Assert.Null(aloneRecord.Transaction);

        // Beside a new learning: the batch anchors the new one only. The stale hand-over is made once the new learning waits
        // for its batch to close, so both are in the queue within one batch window.
        since = DateTimeOffset.UtcNow;
        var second = await SubmitAndApproveAsync(client);
        await LocalStackApp.WaitForAsync(client, second.Id, r => Status(r) == "WaitingForBatch", Patience);
        await queue.AddAsync(Again(), CancellationToken.None);
        var secondRewarded = await LocalStackApp.WaitForAsync(client, second.Id, r => Status(r) == "Rewarded", Patience);
        var shared = await CompletedBatchWithAsync(durable, first.Id, since);
        Assert.Equal(BatchId(secondRewarded), shared.InstanceId);
        Assert.NotEqual(firstBatch, shared.InstanceId);
        var sharedRecord = (await app.Service<BatchStore>().FindAsync(shared.InstanceId, CancellationToken.None))!;
        Assert.Equal([second.Id], sharedRecord.Items.Select(i => i.LearningId));
        Assert.Equal([second.Id], sharedRecord.Prepared!.Leaves.Select(l => l.LearningId));
        Assert.NotNull(sharedRecord.Transaction);

        // The first learning keeps its batch, and the ledger holds one reward per learning.
        var firstNow = await LocalStackApp.GetAsync(client, first.Id);
        Assert.Equal("Rewarded", Status(firstNow));
        Assert.Equal(firstBatch, BatchId(firstNow));
        var ledger = await app.Service<RewardLedger>().HistoryAsync(contributor.Id, CancellationToken.None);
        Assert.Equal(new[] { (first.Id, firstBatch), (second.Id, shared.InstanceId) }.Order(),
            ledger.Select(e => (e.LearningId, e.BatchId!)).Order());
        var summary = await client.GetFromJsonAsync<JsonElement>(new Uri("/api/rewards", UriKind.Relative));
        var perLearning = ledger.Select(e => System.Numerics.BigInteger.Parse(e.Amount, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(perLearning.Aggregate(System.Numerics.BigInteger.Add).ToString(System.Globalization.CultureInfo.InvariantCulture),
            summary.GetProperty("accrued").GetString());
    }

    private static async Task<(string Id, string Cid)> SubmitAndApproveAsync(HttpClient client)
    {
        var submitted = await LocalStackApp.SubmitAsync(client, LocalStackApp.Learning(Guid.NewGuid().ToString()));
        var id = submitted.GetProperty("id").GetString()!;
        using var approved = await client.PostAsync(new Uri($"/api/learnings/{id}/approve", UriKind.Relative), null);
        approved.EnsureSuccessStatusCode();
        return (id, submitted.GetProperty("cid").GetString()!);
    }

    /// <summary>The completed batch created since <paramref name="since"/> that was given <paramref name="learningId"/>.</summary>
    private static async Task<OrchestrationMetadata> CompletedBatchWithAsync(DurableTaskClient durable, string learningId, DateTimeOffset since)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (true)
        {
            await foreach (var batch in durable.GetAllInstancesAsync(new OrchestrationQuery { InstanceIdPrefix = "batch-", CreatedFrom = since, FetchInputsAndOutputs = true }))
            {
                if (batch.ReadInputAs<BatchStart>()!.Items.Any(i => i.LearningId == learningId) && batch.RuntimeStatus == OrchestrationRuntimeStatus.Completed)
                {
                    return batch;
                }
            }

            Assert.True(DateTime.UtcNow < deadline, $"No batch given {learningId} completed within {Patience}.");
            await Task.Delay(250);
        }
    }

    private static string Status(JsonElement learning) => learning.GetProperty("status").GetString()!;

    private static string BatchId(JsonElement learning) => learning.GetProperty("anchor").GetProperty("batchId").GetString()!;
}
