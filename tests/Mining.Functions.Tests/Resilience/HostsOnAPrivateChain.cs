using System.Globalization;
using System.Net.Http.Json;
using System.Numerics;
using System.Text.Json;
using Azure.Data.Tables;
using Mining.Contracts;
using Mining.Ethereum;
using Mining.Ethereum.Keystore;
using Mining.Ethereum.Rpc;
using Mining.Ethereum.Signing;
using Mining.Functions.Storage;
using Mining.Functions.Tests.Publishing;
using Mining.Testing;

namespace Mining.Functions.Tests.Resilience;

/// <summary>One submitted learning and who submitted it (the contributor's API key reads it on any host).</summary>
internal sealed record Contribution(string LearningId, string ContributorId, string ApiKey, string Account);

/// <summary>
/// Local host processes on the real local stack (Azurite, both Helia nodes, maildev) anchoring on a private anvil the
/// test mines, with a task hub of their own, an operator keystore in a temporary folder (funded on the private chain;
/// every host of the test uses the same one), a short batch window and two confirmations. Nothing leaks into other
/// tests: the chain id, the hub, the operator and the contributors are new.
/// </summary>
internal sealed class HostsOnAPrivateChain : IAsyncDisposable
{
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(150);

    /// <summary>
    /// How long the learnings may take to finish after a kill: a message the killed host had dequeued stays invisible for
    /// the backend's queue visibility timeout (five minutes by default, 20 s in these tests) before another host gets it.
    /// </summary>
    public static readonly TimeSpan RecoveryPatience = TimeSpan.FromMinutes(3);
    private const string PassphraseVariable = "MINING_RESILIENCE_OPERATOR_PASSPHRASE";
    private static readonly BigInteger Ether = BigInteger.Pow(10, 18);
    private readonly List<LocalHostProcess> _hosts = [];
    private readonly DirectoryInfo _keys;
    private readonly DevStackFixture _stack;

    private HostsOnAPrivateChain(DevStackFixture stack, PrivateAnvil anvil, DirectoryInfo keys, Address operatorAccount, Dictionary<string, string> settings)
    {
        _stack = stack;
        Anvil = anvil;
        _keys = keys;
        Operator = operatorAccount;
        Settings = settings;
    }

    public PrivateAnvil Anvil { get; }

    /// <summary>The operator's account (the keystore's address).</summary>
    public Address Operator { get; }

    /// <summary>The settings every host of the test starts with; a test may change them before starting a host.</summary>
    public Dictionary<string, string> Settings { get; }

    public string OperatorApiKey => Settings["Operator:ApiKey"];

    /// <summary>Starts a private anvil, creates and funds the operator keystore and gathers the hosts' settings.</summary>
    public static async Task<HostsOnAPrivateChain> CreateAsync(DevStackFixture stack, string hubPrefix)
    {
        var anvil = await PrivateAnvil.StartAsync();
        var keys = Directory.CreateTempSubdirectory("mining-resilience-");
        var passphrase = Guid.NewGuid().ToString("N");
        var keystore = Path.Combine(keys.FullName, "operator.json");
        var operatorAccount = await DevelopmentKeystore.EnsureAsync(keystore, passphrase);
        await anvil.SetBalanceAsync(operatorAccount.ToString(), 100 * Ether);
        var endpoints = stack.Endpoints;
        var settings = new Dictionary<string, string>
        {
            ["DevStack:Enabled"] = "false",
            ["AzureWebJobsStorage"] = endpoints.AzuriteConnectionString,
            ["Chain:RpcUrl"] = anvil.Url.ToString(),
            ["Chain:ChainId"] = anvil.ChainId.ToString(CultureInfo.InvariantCulture),
            ["Chain:Confirmations"] = "2",
            ["Smtp:Host"] = endpoints.SmtpHost,
            ["Smtp:Port"] = endpoints.SmtpPort.ToString(CultureInfo.InvariantCulture),
            ["Ipfs:Nodes:0:Name"] = endpoints.IpfsNodes[0].Name,
            ["Ipfs:Nodes:0:RpcUrl"] = endpoints.IpfsNodes[0].RpcUrl.ToString(),
            ["Ipfs:PinningServices:0:Name"] = endpoints.IpfsNodes[1].Name,
            ["Ipfs:PinningServices:0:Url"] = endpoints.IpfsNodes[1].PinningUrl.ToString(),
            ["Ipfs:PinningServices:0:Token"] = endpoints.IpfsNodes[1].PinningToken,
            ["Ipfs:Gateways:0"] = endpoints.IpfsNodes[0].GatewayUrl.ToString(),
            ["Ipfs:Gateways:1"] = endpoints.IpfsNodes[1].GatewayUrl.ToString(),
            ["KeyProvider:Kind"] = "Keystore",
            ["KeyProvider:KeystorePath"] = keystore,
            ["KeyProvider:PassphraseEnvironmentVariable"] = PassphraseVariable,
            [PassphraseVariable] = passphrase,
            ["Operator:ApiKey"] = "op_" + Guid.NewGuid().ToString("N"),
            ["Operator:Email"] = "operator@mining.local",
            ["extensions:durableTask:hubName"] = hubPrefix + Guid.NewGuid().ToString("N")[..12],
            ["Availability:Enabled"] = "false",
            // A killed host's taken messages come back to the others after this (5 minutes by default).
            ["extensions:durableTask:storageProvider:controlQueueVisibilityTimeout"] = "00:00:20",
            ["extensions:durableTask:storageProvider:workItemQueueVisibilityTimeout"] = "00:00:20",
            // The backend's partition leases (acquired, renewed, lost) in each host's log.
            ["Logging:LogLevel:DurableTask.AzureStorage"] = "Information",
            ["Publishing:BatchWindow"] = "00:00:02",
            ["Publishing:ConfirmationPollInterval"] = "00:00:01",
            ["Publishing:RetryMaxAttempts"] = "10",
            ["Publishing:RetryFirstInterval"] = "00:00:01",
            ["Publishing:RetryMaxInterval"] = "00:00:05",
        };
        return new HostsOnAPrivateChain(stack, anvil, keys, operatorAccount, settings);
    }

    /// <summary>Starts a host with <see cref="Settings"/> and waits until it is ready; it is killed when the test ends.</summary>
    public async Task<LocalHostProcess> StartHostAsync(string name)
    {
        var host = await LocalHostProcess.StartAsync(
            Settings, TimeSpan.FromSeconds(90), name, logDirectory: Path.Combine(AppContext.BaseDirectory, "resilience-logs"));
        _hosts.Add(host);
        return host;
    }

    /// <summary>
    /// Creates <paramref name="contributors"/> contributors through <paramref name="hosts"/> (uploads opted in); they submit
    /// <paramref name="count"/> learnings in turn, each approved through the API once its approval email arrived, taking turns over the hosts.
    /// </summary>
    public async Task<IReadOnlyList<Contribution>> SubmitAndApproveAsync(int count, int contributors, params LocalHostProcess[] hosts)
    {
        var keys = new List<(string Id, string ApiKey, string Account)>();
        for (var i = 0; i < contributors; i++)
        {
            keys.Add(await NewContributorAsync(hosts[i % hosts.Length]));
        }

        var submitted = new List<(Contribution Learning, string Cid)>();
        for (var i = 0; i < count; i++)
        {
            var (id, apiKey, account) = keys[i % keys.Count];
            using var client = hosts[i % hosts.Length].Client(apiKey);
            var answer = await LocalStackApp.SubmitAsync(client, LocalStackApp.Learning(Guid.NewGuid().ToString()));
            submitted.Add((new Contribution(answer.GetProperty("id").GetString()!, id, apiKey, account), answer.GetProperty("cid").GetString()!));
        }

        // Approved once its approval email is in maildev, as a contributor would: its instance is then waiting for the decision.
        for (var i = 0; i < submitted.Count; i++)
        {
            var (learning, cid) = submitted[i];
            await LocalStackApp.ApprovalPathAsync(_stack, cid);
            using var client = hosts[i % hosts.Length].Client(learning.ApiKey);
            using var approved = await client.PostAsync(new Uri($"/api/learnings/{learning.LearningId}/approve", UriKind.Relative), null);
            Assert.True(approved.IsSuccessStatusCode, $"Approving {learning.LearningId}: {(int)approved.StatusCode} {await approved.Content.ReadAsStringAsync()}");
        }

        return [.. submitted.Select(s => s.Learning)];
    }

    /// <summary>Reads every learning through <paramref name="host"/> until each satisfies <paramref name="done"/>; returns the records by learning id.</summary>
    public static async Task<IReadOnlyDictionary<string, JsonElement>> WaitForAllAsync(
        LocalHostProcess host, IReadOnlyList<Contribution> learnings, Func<JsonElement, bool> done, string what, TimeSpan? within = null)
    {
        var patience = within ?? Patience;
        var deadline = DateTime.UtcNow + patience;
        var records = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        while (true)
        {
            foreach (var learning in learnings.Where(l => !records.ContainsKey(l.LearningId)))
            {
                using var client = host.Client(learning.ApiKey);
                var record = await client.GetFromJsonAsync<JsonElement>(new Uri($"/api/learnings/{learning.LearningId}", UriKind.Relative));
                if (done(record))
                {
                    records[learning.LearningId] = record;
                }
            }

            if (records.Count == learnings.Count)
            {
                return records;
            }

            Assert.True(DateTime.UtcNow < deadline,
                $"{learnings.Count - records.Count} of {learnings.Count} learnings were not {what} within {patience}.\n{host.Tail()}");
            await Task.Delay(250);
        }
    }

    public static string Status(JsonElement learning) => learning.GetProperty("status").GetString()!;

    /// <summary>
    /// What must hold once the hosts are done, read from durable state and the chain: every learning Rewarded (a
    /// learning that ended DeadLettered fails with its reason); each learning's batch anchored by exactly one
    /// <c>BatchAnchored</c> event on the chain — of any contract — and the events' leaf counts adding up to the number of
    /// learnings (no learning anchored twice, no extra anchor), all by one registry; no nonce gap (nothing pending behind a missing nonce, the
    /// stored next nonce equal to the chain's); one ledger entry per learning, confirmed with its batch's anchor
    /// transaction, and each contributor's claim (the sum of its entries) accepted on chain against the registry's rewards root.
    /// </summary>
    public async Task AssertSettledAsync(LocalHostProcess host, IReadOnlyList<Contribution> learnings)
    {
        var final = await WaitForAllAsync(host, learnings, r => Status(r) is "Rewarded" or "DeadLettered", "Rewarded or DeadLettered", RecoveryPatience);
        foreach (var (id, record) in final)
        {
            Assert.True(Status(record) == "Rewarded", $"Learning {id} ended {Status(record)}: {record}\n{host.Tail()}");
        }

        var anchors = await AnchorsAsync();
        Assert.True(anchors.Select(a => a.Contract).Distinct().Count() == 1,
            $"Batches were anchored on {anchors.Select(a => a.Contract).Distinct().Count()} registries: {string.Join(", ", anchors.Select(a => a.Contract).Distinct())}.");
        Assert.Equal(anchors.Count, anchors.Select(a => a.Root).Distinct().Count());
        foreach (var (id, record) in final)
        {
            var anchor = record.GetProperty("anchor");
            var root = anchor.GetProperty("root").GetString()!;
            var onChain = Assert.Single(anchors, a => a.Root == root);
            Assert.Equal(onChain.Transaction, anchor.GetProperty("transactionHash").GetString());
        }

        Assert.True(anchors.Sum(a => a.LeafCount) == learnings.Count,
            $"The chain anchors {anchors.Sum(a => a.LeafCount)} leaves in {anchors.Count} batches for {learnings.Count} learnings.");
        Assert.Equal(anchors.Count, final.Values.Select(r => r.GetProperty("anchor").GetProperty("root").GetString()).Distinct().Count());

        await AssertNoNonceGapAsync();
        await AssertLedgerMatchesChainAsync(host, learnings, final, anchors);
    }

    /// <summary>The registry's <c>BatchAnchored</c> events on the private chain, from any contract that emits them.</summary>
    public async Task<IReadOnlyList<AnchorEvent>> AnchorsAsync()
    {
        var logs = await Anvil.LogsAsync(LearningRegistryContract.BatchAnchoredTopic.ToString());
        return [.. logs.Select(log => new AnchorEvent(
            log.GetProperty("address").GetString()!,
            log.GetProperty("topics")[2].GetString()!,
            int.Parse(log.GetProperty("data").GetString()![2..66], NumberStyles.HexNumber, CultureInfo.InvariantCulture),
            log.GetProperty("transactionHash").GetString()!))];
    }

    private async Task AssertNoNonceGapAsync()
    {
        var account = Operator.ToString();
        var mined = await Anvil.TransactionCountAsync(account);
        var pending = await Anvil.TransactionCountAsync(account, "pending");
        Assert.True(mined == pending, $"The operator has {pending - mined} transaction(s) pending behind nonce {mined} after the learnings were rewarded.");
        var nonces = new TableClient(_stack.Endpoints.AzuriteConnectionString, AppStorage.NoncesTable);
        var partition = "chain-" + Anvil.ChainId.ToString(CultureInfo.InvariantCulture);
        var rows = new List<TableEntity>();
        await foreach (var row in nonces.QueryAsync<TableEntity>(e => e.PartitionKey == partition))
        {
            rows.Add(row);
        }

        var stored = Assert.Single(rows);
        Assert.True(stored.GetInt64("NextNonce") == mined, $"The stored next nonce is {stored.GetInt64("NextNonce")}, the chain's {mined}: a nonce was allocated and never mined.");
    }

    private async Task AssertLedgerMatchesChainAsync(
        LocalHostProcess host, IReadOnlyList<Contribution> learnings, IReadOnlyDictionary<string, JsonElement> final, IReadOnlyList<AnchorEvent> anchors)
    {
        using var http = new HttpClient();
        var rpc = new EthRpcClient(http, new EthRpcOptions { Endpoint = Anvil.Url });
        foreach (var contributor in learnings.GroupBy(l => l.ContributorId))
        {
            using var client = host.Client(contributor.First().ApiKey);
            var history = await client.GetFromJsonAsync<JsonElement>(new Uri("/api/rewards/history", UriKind.Relative));
            var entries = history.EnumerateArray().ToList();
            Assert.Equal(contributor.Select(l => l.LearningId).Order(), entries.Select(e => e.GetProperty("learningId").GetString()!).Order());
            foreach (var entry in entries)
            {
                var learning = final[entry.GetProperty("learningId").GetString()!];
                Assert.Equal("claimable", entry.GetProperty("state").GetString());
                Assert.Equal(learning.GetProperty("anchor").GetProperty("transactionHash").GetString(), entry.GetProperty("anchorTransaction").GetString());
                Assert.Contains(anchors, a => a.Transaction == entry.GetProperty("anchorTransaction").GetString());
            }

            var accrued = entries.Aggregate(BigInteger.Zero, (sum, e) => sum + BigInteger.Parse(e.GetProperty("amount").GetString()!, CultureInfo.InvariantCulture));
            var summary = await client.GetFromJsonAsync<JsonElement>(new Uri("/api/rewards", UriKind.Relative));
            var claim = summary.GetProperty("claim");
            Assert.True(claim.ValueKind == JsonValueKind.Object, $"No claim data for {contributor.Key}: {summary}");
            Assert.Equal(accrued.ToString(CultureInfo.InvariantCulture), claim.GetProperty("cumulativeAmount").GetString());
            var registry = new LearningRegistryContract(rpc, Address.Parse(claim.GetProperty("registry").GetString()!));
            var rewardsRoot = await registry.RewardsRootAsync();
            Assert.Equal(claim.GetProperty("rewardsRoot").GetString(), rewardsRoot.ToString());
            // The claim the service hands out, simulated on chain: it proves the account's total against the registry's
            // rewards root and would mint exactly the ledger's sum (nothing was claimed yet).
            var proof = claim.GetProperty("proof").EnumerateArray().Select(p => Hash32.Parse(p.GetString()!)).ToList();
            var minted = await registry.SimulateAsync(registry.Claim(Address.Parse(contributor.First().Account), accrued, proof), Operator);
            Assert.Equal(accrued, new BigInteger(minted, isUnsigned: true, isBigEndian: true));
        }
    }

    private async Task<(string Id, string ApiKey, string Account)> NewContributorAsync(LocalHostProcess host)
    {
        using var wallet = PrivateKeySigner.CreateRandom();
        using var operatorClient = host.Client(OperatorApiKey);
        using var created = await operatorClient.PostAsJsonAsync(
            new Uri("/api/contributors", UriKind.Relative), new { name = "Resilience contributor", email = "resilience@mining.local", rewardAddress = wallet.Address.ToString() });
        var body = await created.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(created.IsSuccessStatusCode, $"Creating a contributor: {(int)created.StatusCode} {body}");
        var apiKey = body.GetProperty("apiKey").GetString()!;
        using var client = host.Client(apiKey);
        using var optIn = await client.PutAsJsonAsync(new Uri("/api/settings", UriKind.Relative), new { uploadsEnabled = true });
        optIn.EnsureSuccessStatusCode();
        return (body.GetProperty("contributor").GetProperty("id").GetString()!, apiKey, wallet.Address.ToString());
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var host in _hosts)
        {
            await host.DisposeAsync();
        }

        await Anvil.DisposeAsync();
        _keys.Delete(recursive: true);
    }
}

/// <summary>A <c>BatchAnchored</c> event: the emitting contract, the batch root, its leaf count and the transaction.</summary>
internal sealed record AnchorEvent(string Contract, string Root, int LeafCount, string Transaction);
