using System.Net;
using System.Net.Http.Json;
using System.Numerics;
using System.Text.Json;
using Microsoft.DurableTask.Client;
using Mining.Functions.Batches;
using Mining.Functions.Chain;
using Mining.Functions.Rewards;
using Mining.Testing;
using Nethereum.RPC.Eth.DTOs;

namespace Mining.Functions.Tests.Publishing;

/// <summary>
/// Chain-side failures of the anchoring batch on the real local stack (Azurite, the Helia nodes, maildev) with a
/// private anvil per test (its own chain id, so the shared chain never sees the faults): an operator without funds,
/// a stuck transaction, a reorg, the RPC endpoint down and rate limiting (through a fault proxy).
/// </summary>
[Collection("DevStack")]
public sealed class ChainFaultsOnTheLocalStackTests(DevStackFixture stack)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(120);
    private static readonly BigInteger Ether = BigInteger.Pow(10, 18);
    private static readonly HttpClient Mail = new();

    [Fact]
    public async Task Without_operator_funds_the_batch_waits_alerts_the_operator_once_and_proceeds_once_funded()
    {
        var poll = TimeSpan.FromSeconds(2);
        await using var anvil = await PrivateAnvil.StartAsync();
        await using var app = new ChainFaultsApp(anvil.Url, anvil.ChainId, new Dictionary<string, string?> { ["Publishing:FundsPollInterval"] = poll.ToString() });
        var ready = await ReadyOnPrivateChainAsync(app, anvil);
        var operatorAccount = ready.Transactions.Sender.ToString();
        await anvil.SetBalanceAsync(operatorAccount, 1000);

        var (client, id, _) = await ApproveNewLearningAsync(app);
        var waiting = await LocalStackApp.WaitForAsync(client, id, r => Reason(r)?.Contains("waits for operator funds", StringComparison.Ordinal) == true, Patience);
        var batchId = BatchId(waiting);
        Assert.Equal("Anchoring", waiting.GetProperty("status").GetString());
        Assert.Contains(operatorAccount, Reason(waiting), StringComparison.Ordinal);
        await Eventually(async () => (await BatchStatusAsync(app, batchId)).Contains("\"WaitingForFunds\"", StringComparison.Ordinal) ? "yes" : null, "the batch status WaitingForFunds");
        var alert = await Eventually(async () => (await FundsAlertsAsync(batchId)).FirstOrDefault(), "the funds alert in maildev");
        var body = alert.GetProperty("text").GetString()!;
        Assert.Contains(operatorAccount, body, StringComparison.Ordinal);
        Assert.Contains("Balance:           1000 wei", body, StringComparison.Ordinal);
        Assert.Contains($"Chain id:          {anvil.ChainId}", body, StringComparison.Ordinal);
        Assert.Contains("cast send", body, StringComparison.Ordinal);
        Assert.DoesNotContain(anvil.Url.Authority, body, StringComparison.Ordinal);

        await Task.Delay(poll * 4);

        Assert.Single(await FundsAlertsAsync(batchId));
        Assert.Contains("\"WaitingForFunds\"", await BatchStatusAsync(app, batchId), StringComparison.Ordinal);
        Assert.Null((await app.Service<BatchStore>().FindAsync(batchId, CancellationToken.None))!.Transaction);
        Assert.Equal("Anchoring", (await LocalStackApp.GetAsync(client, id)).GetProperty("status").GetString());

        await anvil.SetBalanceAsync(operatorAccount, 10 * Ether);

        var rewarded = await LocalStackApp.WaitForAsync(client, id, r => r.GetProperty("status").GetString() == "Rewarded", Patience);
        Assert.Null(Reason(rewarded));
        Assert.Single(await FundsAlertsAsync(batchId));
        Assert.Single(await AnchorsOfBatchAsync(app, ready, batchId));
    }

    [Fact]
    public async Task A_stuck_anchor_transaction_is_replaced_with_higher_fees_and_the_replacement_is_mined()
    {
        await using var anvil = await PrivateAnvil.StartAsync();
        await using var app = new ChainFaultsApp(anvil.Url, anvil.ChainId, new Dictionary<string, string?> { ["Chain:StuckAfter"] = "00:00:04" });
        var ready = await ReadyOnPrivateChainAsync(app, anvil);
        await anvil.StopMiningAsync();

        var (client, id, _) = await ApproveNewLearningAsync(app);
        var batchId = BatchId(await LocalStackApp.WaitForAsync(client, id, r => r.GetProperty("anchor").ValueKind == JsonValueKind.Object, Patience));
        var first = (await Eventually(async () => (await app.Service<BatchStore>().FindAsync(batchId, CancellationToken.None))?.Transaction, "the anchor transaction")).Attempts[0];
        Assert.NotNull(await Eventually(() => anvil.TransactionAsync(first.Hash.ToString()), "the first attempt in anvil's pool"));
        var replaced = await Eventually(
            async () => (await app.Service<BatchStore>().FindAsync(batchId, CancellationToken.None))?.Transaction is { Attempts.Count: > 1 } t ? t : null,
            "a replacement of the stuck transaction");
        Assert.True(replaced.Attempts[1].MaxFeePerGas * 1000 >= first.MaxFeePerGas * 1125, "the replacement's max fee is not 12.5 % higher");
        Assert.Null(await anvil.ReceiptAsync(first.Hash.ToString()));

        await anvil.ResumeMiningAsync();

        var rewarded = await LocalStackApp.WaitForAsync(client, id, r => r.GetProperty("status").GetString() == "Rewarded", Patience);
        var finalHash = rewarded.GetProperty("anchor").GetProperty("transactionHash").GetString()!;
        Assert.NotEqual(first.Hash.ToString(), finalHash);
        var attempts = (await app.Service<BatchStore>().FindAsync(batchId, CancellationToken.None))!.Transaction!.Attempts;
        Assert.Contains(attempts.Skip(1), a => a.Hash.ToString() == finalHash);
        Assert.Null(await anvil.ReceiptAsync(first.Hash.ToString()));
        var anchor = Assert.Single(await AnchorsOfBatchAsync(app, ready, batchId));
        Assert.Equal(finalHash, anchor.TransactionHash.ToString());
    }

    [Fact]
    public async Task A_replacement_the_operator_cannot_pay_is_postponed_and_the_pending_transaction_still_anchors_the_batch()
    {
        await using var anvil = await PrivateAnvil.StartAsync();
        await using var app = new ChainFaultsApp(anvil.Url, anvil.ChainId, new Dictionary<string, string?>
        {
            ["Chain:StuckAfter"] = "00:00:05",
            ["Publishing:RetryMaxAttempts"] = "2",
        });
        var ready = await ReadyOnPrivateChainAsync(app, anvil);
        await anvil.StopMiningAsync();

        var (client, id, _) = await ApproveNewLearningAsync(app);
        var batchId = BatchId(await LocalStackApp.WaitForAsync(client, id, r => r.GetProperty("anchor").ValueKind == JsonValueKind.Object, Patience));
        var first = (await Eventually(async () => (await app.Service<BatchStore>().FindAsync(batchId, CancellationToken.None))?.Transaction, "the anchor transaction")).Attempts[0];
        var pending = (await Eventually(() => anvil.TransactionAsync(first.Hash.ToString()), "the anchor transaction in anvil's pool"))!.Value;
        var cost = PrivateAnvil.ParseQuantity(pending.GetProperty("gas")) * first.MaxFeePerGas;
        await anvil.SetBalanceAsync(ready.Transactions.Sender.ToString(), cost + (cost / 20));

        // Well past StuckAfter and longer than two attempts of a failing check would last.
        await Task.Delay(TimeSpan.FromSeconds(12));

        Assert.Single((await app.Service<BatchStore>().FindAsync(batchId, CancellationToken.None))!.Transaction!.Attempts);
        Assert.Equal("Anchoring", (await LocalStackApp.GetAsync(client, id)).GetProperty("status").GetString());
        Assert.Contains("\"Confirming\"", await BatchStatusAsync(app, batchId), StringComparison.Ordinal);

        await anvil.ResumeMiningAsync();

        var rewarded = await LocalStackApp.WaitForAsync(client, id, r => r.GetProperty("status").GetString() is "Rewarded" or "Failed", Patience);
        Assert.Equal("Rewarded", rewarded.GetProperty("status").GetString());
        Assert.Equal(first.Hash.ToString(), rewarded.GetProperty("anchor").GetProperty("transactionHash").GetString());
    }

    [Fact]
    public async Task After_a_reorg_removes_the_anchor_block_the_transaction_is_included_again_and_the_learning_ends_on_the_canonical_block()
    {
        await using var anvil = await PrivateAnvil.StartAsync();
        await using var app = new ChainFaultsApp(anvil.Url, anvil.ChainId, new Dictionary<string, string?> { ["Chain:Confirmations"] = "3" });
        var ready = await ReadyOnPrivateChainAsync(app, anvil);
        await anvil.StopMiningAsync();

        var (client, id, contributorId) = await ApproveNewLearningAsync(app);
        var batchId = BatchId(await LocalStackApp.WaitForAsync(client, id, r => r.GetProperty("anchor").ValueKind == JsonValueKind.Object, Patience));
        var sent = await Eventually(async () => (await app.Service<BatchStore>().FindAsync(batchId, CancellationToken.None))?.Transaction, "the anchor transaction");
        var hash = sent.Latest.Hash.ToString();
        await Eventually(() => anvil.TransactionAsync(hash), "the anchor transaction in anvil's pool");
        await anvil.MineAsync();
        var receipt = (await anvil.ReceiptAsync(hash))!.Value;
        var orphanBlock = (long)PrivateAnvil.ParseQuantity(receipt.GetProperty("blockNumber"));
        var orphanHash = receipt.GetProperty("blockHash").GetString()!;
        await Eventually(
            async () => (await app.Service<BatchStore>().FindAsync(batchId, CancellationToken.None))?.LastCheck is { BlockNumber: { } b } check && b == orphanBlock ? check : null,
            "the app seeing the anchor block");

        await anvil.ReorgAsync((int)(await anvil.BlockNumberAsync() - orphanBlock + 1));
        Assert.NotEqual(orphanHash, await anvil.BlockHashAsync(orphanBlock));
        await anvil.ResumeMiningAsync();

        var rewarded = await LocalStackApp.WaitForAsync(client, id, r => r.GetProperty("status").GetString() == "Rewarded", Patience);
        var anchorInfo = rewarded.GetProperty("anchor");
        var blockNumber = anchorInfo.GetProperty("blockNumber").GetInt64();
        var blockHash = anchorInfo.GetProperty("blockHash").GetString();
        Assert.Equal(hash, anchorInfo.GetProperty("transactionHash").GetString());
        Assert.NotEqual(orphanHash, blockHash);
        Assert.Equal(await anvil.BlockHashAsync(blockNumber), blockHash);
        Assert.Equal(blockHash, (await anvil.ReceiptAsync(hash))!.Value.GetProperty("blockHash").GetString());
        var onChain = Assert.Single(await AnchorsOfBatchAsync(app, ready, batchId));
        Assert.Equal((ulong)blockNumber, onChain.BlockNumber);
        var reward = Assert.Single(await app.Service<RewardLedger>().HistoryAsync(contributorId, CancellationToken.None));
        Assert.Equal(id, reward.LearningId);
        var instance = await Eventually(
            async () => await app.Service<DurableTaskClient>().GetInstanceAsync(id, getInputsAndOutputs: true) is { IsCompleted: true } done ? done : null,
            "the learning's orchestration completing");
        Assert.Equal(OrchestrationRuntimeStatus.Completed, instance.RuntimeStatus);
        Assert.Equal(Mining.Functions.Learnings.LearningStatus.Rewarded, instance.ReadOutputAs<Mining.Functions.Learnings.LearningStatus>());
    }

    [Fact]
    public async Task The_rpc_endpoint_down_while_the_batch_sends_and_confirms_delays_the_learning_but_it_is_still_rewarded()
    {
        await using var anvil = await PrivateAnvil.StartAsync();
        await using var proxy = FaultProxy.Start(anvil.Url);
        await using var app = new ChainFaultsApp(proxy.Url, anvil.ChainId, new Dictionary<string, string?> { ["Chain:Confirmations"] = "3" });
        await ReadyOnPrivateChainAsync(app, anvil);
        await anvil.MineOnlyTransactionsAsync();

        var (client, id, _) = await ApproveNewLearningAsync(app);
        // Down once the learning is handed to anchoring (its batch waiting, sending or sent): nothing reaches the chain.
        await LocalStackApp.WaitForAsync(client, id, r => r.GetProperty("status").GetString() is "WaitingForBatch" or "Anchoring" or "Confirming", Patience);
        proxy.Set(FaultMode.Down);
        await Task.Delay(TimeSpan.FromSeconds(8));
        Assert.Contains((await LocalStackApp.GetAsync(client, id)).GetProperty("status").GetString(), new[] { "WaitingForBatch", "Anchoring", "Confirming" });
        proxy.Set(FaultMode.Pass);
        var batchId = BatchId(await LocalStackApp.WaitForAsync(client, id, r => r.GetProperty("anchor").ValueKind == JsonValueKind.Object, Patience));

        await Eventually(async () => (await app.Service<BatchStore>().FindAsync(batchId, CancellationToken.None))?.LastCheck is { BlockNumber: not null } c ? c : null, "the anchor block");
        await HoldFaultAsync(app, anvil, proxy, batchId, FaultMode.Down);

        var rewarded = await LocalStackApp.WaitForAsync(client, id, r => r.GetProperty("status").GetString() is "Rewarded" or "Failed", Patience);
        Assert.Equal("Rewarded", rewarded.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Rate_limiting_by_the_rpc_endpoint_is_waited_out_as_retry_after_says_and_the_learning_is_rewarded()
    {
        await using var anvil = await PrivateAnvil.StartAsync();
        await using var proxy = FaultProxy.Start(anvil.Url);
        proxy.RetryAfterSeconds = 1;
        await using var app = new ChainFaultsApp(proxy.Url, anvil.ChainId, new Dictionary<string, string?> { ["Chain:Confirmations"] = "3" });
        await ReadyOnPrivateChainAsync(app, anvil);
        await anvil.MineOnlyTransactionsAsync();

        var (client, id, _) = await ApproveNewLearningAsync(app);
        var batchId = BatchId(await LocalStackApp.WaitForAsync(client, id, r => r.GetProperty("anchor").ValueKind == JsonValueKind.Object, Patience));
        await Eventually(async () => (await app.Service<BatchStore>().FindAsync(batchId, CancellationToken.None))?.LastCheck is { BlockNumber: not null } c ? c : null, "the anchor block");
        await HoldFaultAsync(app, anvil, proxy, batchId, FaultMode.RateLimited);

        Assert.True(proxy.RateLimitedAnswers > 0, "the proxy answered no request with 429");
        var rewarded = await LocalStackApp.WaitForAsync(client, id, r => r.GetProperty("status").GetString() is "Rewarded" or "Failed", Patience);
        Assert.Equal("Rewarded", rewarded.GetProperty("status").GetString());
    }

    /// <summary>
    /// Holds <paramref name="fault"/> for a while (mining is per transaction only, so the anchor sits at one
    /// confirmation) and shows it reached the app: blocks mined meanwhile go unseen, no confirmation check gets through.
    /// </summary>
    private static async Task HoldFaultAsync(ChainFaultsApp app, PrivateAnvil anvil, FaultProxy proxy, string batchId, FaultMode fault)
    {
        proxy.Set(fault);
        await Task.Delay(TimeSpan.FromSeconds(1.5));
        var before = (await app.Service<BatchStore>().FindAsync(batchId, CancellationToken.None))!.LastCheck;
        await anvil.MineAsync(5);
        await Task.Delay(TimeSpan.FromSeconds(6));
        var during = (await app.Service<BatchStore>().FindAsync(batchId, CancellationToken.None))!.LastCheck;
        Assert.Equal(before, during);
        Assert.False(during!.Confirmed);
        proxy.Set(FaultMode.Pass);
    }

    private static async Task<ChainService.Ready> ReadyOnPrivateChainAsync(ChainFaultsApp app, PrivateAnvil anvil)
    {
        var ready = await app.Service<ChainService>().ReadyAsync();
        Assert.Equal((ulong)anvil.ChainId, ready.Deployment.ChainId);
        Assert.True(await anvil.BalanceAsync(ready.Transactions.Sender.ToString()) >= Ether, "the dev operator was not funded on the private chain");
        return ready;
    }

    private async Task<(HttpClient Client, string Id, string ContributorId)> ApproveNewLearningAsync(ChainFaultsApp app)
    {
        var (client, contributor) = await app.NewContributorAsync();
        var submitted = await LocalStackApp.SubmitAsync(client, LocalStackApp.Learning(Guid.NewGuid().ToString()));
        var (id, cid) = (submitted.GetProperty("id").GetString()!, submitted.GetProperty("cid").GetString()!);
        var path = await LocalStackApp.ApprovalPathAsync(stack, cid);
        using var anonymous = app.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(path, UriKind.Relative))
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["decision"] = "approve", ["cid"] = cid }),
        };
        request.Headers.Add("Origin", "http://localhost:7071");
        using var approved = await anonymous.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, approved.StatusCode);
        return (client, id, contributor.Id);
    }

    private static async Task<IReadOnlyList<Mining.Contracts.BatchAnchoredEvent>> AnchorsOfBatchAsync(ChainFaultsApp app, ChainService.Ready ready, string batchId)
    {
        var root = (await app.Service<BatchStore>().FindAsync(batchId, CancellationToken.None))!.Prepared!.Root;
        var events = await ready.Registry.GetBatchAnchoredEventsAsync(BlockParameter.CreateEarliest(), BlockParameter.CreateLatest());
        return [.. events.Where(e => e.Root == root)];
    }

    private static async Task<string> BatchStatusAsync(ChainFaultsApp app, string batchId) =>
        (await app.Service<DurableTaskClient>().GetInstanceAsync(batchId, getInputsAndOutputs: true))?.SerializedCustomStatus ?? string.Empty;

    private async Task<List<JsonElement>> FundsAlertsAsync(string batchId)
    {
        var emails = await Mail.GetFromJsonAsync<JsonElement>(new Uri(stack.Endpoints.MailDevApiUrl, "api/email"));
        return [.. emails.EnumerateArray().Where(e =>
            e.GetProperty("subject").GetString() is { } subject && subject.Contains(batchId, StringComparison.Ordinal) && subject.Contains("operator funds", StringComparison.Ordinal))];
    }

    private static string BatchId(JsonElement learning) => learning.GetProperty("anchor").GetProperty("batchId").GetString()!;

    private static string? Reason(JsonElement learning) =>
        learning.TryGetProperty("reason", out var reason) && reason.ValueKind == JsonValueKind.String ? reason.GetString() : null;

    private static async Task<T> Eventually<T>(Func<Task<T?>> probe, string what)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (true)
        {
            if (await probe() is { } found)
            {
                return found;
            }

            Assert.True(DateTime.UtcNow < deadline, $"No {what} within {Patience}.");
            await Task.Delay(200);
        }
    }
}
