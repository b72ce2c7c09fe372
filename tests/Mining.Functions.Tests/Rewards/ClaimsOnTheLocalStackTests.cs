using System.Globalization;
using System.Net.Http.Json;
using System.Numerics;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Mining.Ethereum;
using Mining.Ethereum.Signing;
using Microsoft.Extensions.Logging.Abstractions;
using Mining.Functions.Batches;
using Mining.Functions.Chain;
using Mining.Functions.Contributors;
using Mining.Functions.LocalHost.Development;
using Mining.Functions.Rewards;
using Mining.Functions.Storage;
using Mining.Functions.Tests.Publishing;

namespace Mining.Functions.Tests.Rewards;

/// <summary>
/// The app on the real local stack with 5 confirmations checked every 0.5 s (so the Confirming stage lasts a few anvil blocks) and a
/// claim watcher polling every second.
/// </summary>
public sealed class ClaimsApp : LocalStackApp
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Chain:Confirmations", "5");
        builder.UseSetting("Publishing:ConfirmationPollInterval", "00:00:00.5");
        builder.UseSetting("Rewards:ClaimPollInterval", "00:00:01");
    }
}

/// <summary>
/// The reward ledger and claim detection on the real local stack (Azurite, anvil, both Helia nodes, maildev): a learning
/// shows Confirming with its anchor transaction before Rewarded, its ledger entry goes pending → confirmed → claimable,
/// and after the contributor claims with its own wallet the <c>Claimed</c> event marks it claimed with that transaction.
/// </summary>
[Collection("DevStack")]
public sealed class ClaimsOnTheLocalStackTests(ClaimsApp app) : IClassFixture<ClaimsApp>
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(2);

    [Fact]
    public async Task A_claim_with_the_contributors_wallet_is_detected_from_the_chain_event_and_marks_the_entry_claimed()
    {
        var walletKey = Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
        using var wallet = PrivateKeySigner.FromHex(walletKey);
        var (contributor, apiKey) = await app.Service<ContributorStore>().CreateAsync(
            "Claiming contributor", "claims@mining.local", wallet.Address.ToString(), CancellationToken.None);
        using var client = app.CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", apiKey);
        using (var optIn = await client.PutAsJsonAsync(new Uri("/api/settings", UriKind.Relative), new { uploadsEnabled = true }))
        {
            optIn.EnsureSuccessStatusCode();
        }

        var submitted = await LocalStackApp.SubmitAsync(client, LocalStackApp.Learning("claims " + Guid.NewGuid()));
        var id = submitted.GetProperty("id").GetString()!;
        using (var approve = await client.PostAsync(new Uri($"/api/learnings/{id}/approve", UriKind.Relative), null))
        {
            approve.EnsureSuccessStatusCode();
        }

        var seen = new List<string>();
        var confirming = await LocalStackApp.WaitForAsync(client, id, r =>
        {
            seen.Add(r.GetProperty("status").GetString()!);
            return seen[^1] is "Confirming" or "Rewarded";
        }, Patience);
        Assert.True(confirming.GetProperty("status").GetString() == "Confirming", "Statuses seen: " + string.Join(", ", seen.Distinct()));
        var anchorTx = confirming.GetProperty("anchor").GetProperty("transactionHash").GetString();
        Assert.Matches("^0x[0-9a-f]{64}$", anchorTx);
        Assert.True(confirming.GetProperty("anchor").GetProperty("blockNumber").GetInt64() > 0);
        Assert.Matches("^0x[0-9a-f]{64}$", confirming.GetProperty("anchor").GetProperty("leaf").GetString());

        var rewarded = await LocalStackApp.WaitForAsync(client, id, r => r.GetProperty("status").GetString() == "Rewarded", Patience);
        Assert.Equal(anchorTx, rewarded.GetProperty("anchor").GetProperty("transactionHash").GetString());
        Assert.True(rewarded.GetProperty("anchor").GetProperty("confirmations").GetInt32() >= 5);

        var entry = await EntryAsync(client, id);
        Assert.Equal(RewardStates.Claimable, entry.GetProperty("state").GetString());
        Assert.Equal(anchorTx, entry.GetProperty("anchorTransaction").GetString());
        Assert.True(BigInteger.Parse(entry.GetProperty("amount").GetString()!, CultureInfo.InvariantCulture) > 0);
        Assert.Equal(entry.GetProperty("amount").GetString(), entry.GetProperty("cumulative").GetString());
        var recordedAt = entry.GetProperty("recordedAt").GetDateTimeOffset();
        var confirmedAt = entry.GetProperty("confirmedAt").GetDateTimeOffset();
        var claimableAt = entry.GetProperty("claimableAt").GetDateTimeOffset();
        Assert.True(recordedAt <= confirmedAt && confirmedAt <= claimableAt, $"{recordedAt} ≤ {confirmedAt} ≤ {claimableAt}");
        Assert.Equal(JsonValueKind.Null, entry.GetProperty("claimTransaction").ValueKind);

        var rewards = await client.GetFromJsonAsync<JsonElement>(new Uri("/api/rewards", UriKind.Relative));
        Assert.Equal(1, rewards.GetProperty("entries").GetProperty(RewardStates.Claimable).GetInt32());
        Assert.Equal(entry.GetProperty("amount").GetString(), rewards.GetProperty("claimable").GetString());
        var claim = rewards.GetProperty("claim");
        var chain = app.Service<ChainService>();
        var ready = await chain.ReadyAsync();
        await AnvilFunding.FundAsync(chain, wallet.Address, NullLogger.Instance, CancellationToken.None);
        var manager = chain.ManagerFor(wallet);
        var sent = await manager.SendAsync(ready.Registry.Claim(
            Address.Parse(claim.GetProperty("account").GetString()!),
            BigInteger.Parse(claim.GetProperty("cumulativeAmount").GetString()!, CultureInfo.InvariantCulture),
            [.. claim.GetProperty("proof").EnumerateArray().Select(p => Hash32.Parse(p.GetString()!))]));
        var (_, receipt) = await manager.WaitForConfirmationAsync(sent);
        var claimBlock = (ulong)receipt.BlockNumber.Value;

        var deadline = DateTime.UtcNow + Patience;
        while (entry.GetProperty("state").GetString() != RewardStates.Claimed)
        {
            Assert.True(DateTime.UtcNow < deadline, $"The claim {receipt.TransactionHash} was not detected: {entry}");
            await Task.Delay(500);
            entry = await EntryAsync(client, id);
        }

        Assert.Equal(receipt.TransactionHash.ToString(), entry.GetProperty("claimTransaction").GetString());
        Assert.Equal((long)claimBlock, entry.GetProperty("claimBlock").GetInt64());
        Assert.True(entry.GetProperty("claimedAt").GetDateTimeOffset() >= claimableAt);
        Assert.Equal(anchorTx, entry.GetProperty("anchorTransaction").GetString());

        var after = await client.GetFromJsonAsync<JsonElement>(new Uri("/api/rewards", UriKind.Relative));
        Assert.Equal(1, after.GetProperty("entries").GetProperty(RewardStates.Claimed).GetInt32());
        Assert.Equal(receipt.TransactionHash.ToString(), after.GetProperty("lastClaim").GetProperty("transaction").GetString());
        Assert.Equal("0", after.GetProperty("claimable").GetString());
        Assert.Equal(entry.GetProperty("amount").GetString(), after.GetProperty("tokenBalance").GetString());

        // The watcher reads the claim's block range again (its stored position moved back): nothing changes.
        var state = app.Service<ServiceStateStore>();
        var key = $"claims-scanned-{ready.Deployment.ChainId}-{ready.Deployment.Registry}";
        await state.SetAsync(key, (claimBlock - 1).ToString(CultureInfo.InvariantCulture), CancellationToken.None);
        while (ulong.Parse((await state.GetAsync(key, CancellationToken.None))!, CultureInfo.InvariantCulture) < claimBlock)
        {
            Assert.True(DateTime.UtcNow < deadline + Patience, "The claim watcher did not read the range again.");
            await Task.Delay(500);
        }

        var rescanned = await EntryAsync(client, id);
        Assert.Equal(receipt.TransactionHash.ToString(), rescanned.GetProperty("claimTransaction").GetString());
        Assert.Equal(entry.GetProperty("claimedAt").GetDateTimeOffset(), rescanned.GetProperty("claimedAt").GetDateTimeOffset());

        // A later event covering it (e.g. the same claim seen through another range) changes nothing either.
        var ledger = app.Service<RewardLedger>();
        var again = await ledger.MarkClaimedAsync(wallet.Address.ToString(),
            BigInteger.Parse(entry.GetProperty("cumulative").GetString()!, CultureInfo.InvariantCulture), "0x" + new string('1', 64), 1, CancellationToken.None);
        Assert.Equal(0, again);
        var unchanged = await EntryAsync(client, id);
        Assert.Equal(receipt.TransactionHash.ToString(), unchanged.GetProperty("claimTransaction").GetString());
        Assert.Equal(entry.GetProperty("claimedAt").GetDateTimeOffset(), unchanged.GetProperty("claimedAt").GetDateTimeOffset());
        Assert.Equal(contributor.Id, unchanged.GetProperty("contributorId").GetString());
    }

    [Fact]
    public async Task Rewards_accumulate_from_batch_to_batch_and_counting_a_batch_again_changes_nothing()
    {
        using var wallet = PrivateKeySigner.CreateRandom();
        var (contributor, apiKey) = await app.Service<ContributorStore>().CreateAsync(
            "Accumulating contributor", "totals@mining.local", wallet.Address.ToString(), CancellationToken.None);
        using var client = app.CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", apiKey);
        using (var optIn = await client.PutAsJsonAsync(new Uri("/api/settings", UriKind.Relative), new { uploadsEnabled = true }))
        {
            optIn.EnsureSuccessStatusCode();
        }

        var first = await PublishAsync(client, "totals one " + Guid.NewGuid());
        var second = await PublishAsync(client, "totals two " + Guid.NewGuid());

        var one = await EntryAsync(client, first);
        var two = await EntryAsync(client, second);
        Assert.NotEqual(one.GetProperty("batchId").GetString(), two.GetProperty("batchId").GetString());
        var amountOne = BigInteger.Parse(one.GetProperty("amount").GetString()!, CultureInfo.InvariantCulture);
        var amountTwo = BigInteger.Parse(two.GetProperty("amount").GetString()!, CultureInfo.InvariantCulture);
        Assert.Equal(amountOne.ToString(CultureInfo.InvariantCulture), one.GetProperty("cumulative").GetString());
        Assert.Equal((amountOne + amountTwo).ToString(CultureInfo.InvariantCulture), two.GetProperty("cumulative").GetString());
        var rewards = await client.GetFromJsonAsync<JsonElement>(new Uri("/api/rewards", UriKind.Relative));
        Assert.Equal((amountOne + amountTwo).ToString(CultureInfo.InvariantCulture), rewards.GetProperty("claim").GetProperty("cumulativeAmount").GetString());
        Assert.Equal(2, rewards.GetProperty("entries").GetProperty(RewardStates.Claimable).GetInt32());

        var batchId = one.GetProperty("batchId").GetString()!;
        var stored = (await app.Service<BatchStore>().FindAsync(batchId, CancellationToken.None))!;
        var entry = (await app.Service<RewardLedger>().FindAsync(contributor.Id, first, CancellationToken.None))!;
        var chain = RewardTotals.ChainOf((await app.Service<ChainService>().ReadyAsync()).Deployment);
        var again = await app.Service<RewardTotals>().IncludeAsync(chain, batchId, [entry], CancellationToken.None);
        Assert.Equal(stored.Prepared!.RewardsRoot, again.Root);
        Assert.Equal(amountOne, again.Totals[wallet.Address.ToString()]);
        var after = (await app.Service<BatchStore>().FindAsync(batchId, CancellationToken.None))!;
        Assert.Equal(stored.Rewards.Select(r => r.Leaf), after.Rewards.Select(r => r.Leaf));
    }

    private static async Task<string> PublishAsync(HttpClient client, string tag)
    {
        var submitted = await LocalStackApp.SubmitAsync(client, LocalStackApp.Learning(tag));
        var id = submitted.GetProperty("id").GetString()!;
        using (var approve = await client.PostAsync(new Uri($"/api/learnings/{id}/approve", UriKind.Relative), null))
        {
            approve.EnsureSuccessStatusCode();
        }

        await LocalStackApp.WaitForAsync(client, id, r => r.GetProperty("status").GetString() == "Rewarded", Patience);
        return id;
    }

    private static async Task<JsonElement> EntryAsync(HttpClient client, string learningId)
    {
        var history = await client.GetFromJsonAsync<JsonElement>(new Uri("/api/rewards/history", UriKind.Relative));
        return Assert.Single(history.EnumerateArray(), e => e.GetProperty("learningId").GetString() == learningId);
    }
}
