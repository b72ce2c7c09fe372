using System.Numerics;
using System.Security.Cryptography;
using Microsoft.Extensions.Time.Testing;
using Mining.Ethereum.Rpc;
using Mining.Ethereum.Sending;
using Mining.Ethereum.Signing;
using Mining.Ethereum.Tests.Support;
using Mining.Ethereum.Transactions;
using Nethereum.Hex.HexConvertors.Extensions;
using Nethereum.Hex.HexTypes;
using Nethereum.RPC.Eth.DTOs;

namespace Mining.Ethereum.Tests.Sending;

/// <summary>The transaction manager against a private anvil per test (mining modes, drops and reorgs would disturb the shared chain).</summary>
public sealed class TransactionManagerOnAnvilTests
{
    private static readonly BigInteger Ether = BigInteger.Pow(10, 18);
    private static readonly Address Recipient = Address.Parse("0x3535353535353535353535353535353535353535");

    private static TransactionManagerOptions Options(int confirmations = 1) => new()
    {
        ChainId = 31337,
        Confirmations = confirmations,
        MaxFeePerGasCeiling = 1_000_000_000_000,
        PollInterval = TimeSpan.FromMilliseconds(20),
        StuckAfter = TimeSpan.FromMinutes(3),
    };

    private static async Task<(TransactionManager Manager, PrivateKeySigner Signer)> FundedManager(AnvilNode anvil, TransactionManagerOptions? options = null, TimeProvider? time = null, INonceStore? store = null)
    {
        var signer = PrivateKeySigner.CreateRandom();
        await anvil.SetBalanceAsync(signer.Address, 100 * Ether);
        return (new TransactionManager(anvil.Rpc, signer, store ?? new InMemoryNonceStore(), options ?? Options(), time), signer);
    }

    private static TransactionRequest Transfer(int wei = 1) => new(Recipient, ReadOnlyMemory<byte>.Empty) { Value = wei };

    [Fact]
    public async Task Fifty_concurrent_sends_from_one_sender_leave_no_nonce_gap_and_no_duplicate()
    {
        // Automine plus a block a second, as on the dev stack: sends that reach anvil out of nonce order sometimes leave a
        // ready transaction unmined under automine alone until the next one arrives (the last one waited for the manager
        // to replace it as stuck, 3 minutes).
        await using var anvil = await AnvilNode.StartAsync("--block-time", "1", "--mixed-mining");
        var (manager, signer) = await FundedManager(anvil);
        using var _ = signer;

        var sent = await Task.WhenAll(Enumerable.Range(0, 50).Select(i => manager.SendAsync(Transfer(i + 1))));

        Assert.Equal(Enumerable.Range(0, 50).Select(i => (ulong)i), sent.Select(s => s.Nonce).Order());
        var confirmed = await Task.WhenAll(sent.Select(s => manager.WaitForConfirmationAsync(s)));
        Assert.Equal(50, (int)(await anvil.Rpc.Eth.Transactions.GetTransactionCount.SendRequestAsync(signer.Address.ToString(), BlockParameter.CreateLatest())).Value);
        var receipts = await Task.WhenAll(confirmed.Select(c => anvil.Rpc.Eth.Transactions.GetTransactionReceipt.SendRequestAsync(c.Receipt.TransactionHash)));
        Assert.All(receipts, receipt => Assert.True(receipt?.Succeeded()));
        Assert.Equal(50, receipts.Select(r => r!.TransactionHash).Distinct().Count());
    }

    [Fact]
    public async Task A_dropped_transaction_is_rebroadcast_and_then_confirms()
    {
        await using var anvil = await AnvilNode.StartAsync("--no-mining");
        var (manager, signer) = await FundedManager(anvil);
        using var _ = signer;
        var sent = await manager.SendAsync(Transfer());

        await anvil.CallAsync("anvil_dropTransaction", sent.Latest.Hash.ToString());
        Assert.Equal(TransactionState.Dropped, (await manager.CheckAsync(sent)).State);

        var (advanced, status) = await manager.AdvanceAsync(sent);
        Assert.Equal(TransactionState.Dropped, status.State);
        Assert.NotNull(await anvil.Rpc.Eth.Transactions.GetTransactionByHash.SendRequestAsync(advanced.Latest.Hash.ToString()));
        await anvil.MineAsync();

        var confirmed = await manager.CheckAsync(advanced);
        Assert.Equal(TransactionState.Confirmed, confirmed.State);
        Assert.Equal(sent.Latest.Hash, TxHash.Parse(confirmed.Receipt!.TransactionHash));
    }

    [Fact]
    public async Task A_stuck_transaction_is_replaced_at_the_same_nonce_with_fees_raised_at_least_12_5_percent()
    {
        await using var anvil = await AnvilNode.StartAsync("--no-mining");
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var (manager, signer) = await FundedManager(anvil, time: time);
        using var _ = signer;
        var sent = await manager.SendAsync(Transfer());
        Assert.Equal(TransactionState.Pending, (await manager.CheckAsync(sent)).State);

        await anvil.CallAsync("anvil_setNextBlockBaseFeePerGas", new HexBigInteger(sent.Latest.MaxFeePerGas * 3).HexValue);
        time.Advance(TimeSpan.FromMinutes(3));
        var (replaced, status) = await manager.AdvanceAsync(sent);

        Assert.Equal(TransactionState.Stuck, status.State);
        Assert.Equal(2, replaced.Attempts.Count);
        Assert.Equal((BigInteger)sent.Nonce, ((Nethereum.Model.Transaction1559)RawTransaction.Decode(replaced.Latest.Raw.Span).Transaction).Nonce);
        Assert.True(replaced.Latest.MaxFeePerGas * 1000 >= sent.Latest.MaxFeePerGas * 1125, "max fee not raised by 12.5 %");
        Assert.True(replaced.Latest.MaxPriorityFeePerGas * 1000 >= sent.Latest.MaxPriorityFeePerGas * 1125, "priority fee not raised by 12.5 %");
        Assert.True(replaced.Latest.MaxFeePerGas >= sent.Latest.MaxFeePerGas * 3, "the replacement cannot pay the raised base fee");

        await anvil.MineAsync();
        var confirmed = await manager.CheckAsync(replaced);
        Assert.Equal(TransactionState.Confirmed, confirmed.State);
        Assert.Equal(replaced.Latest.Hash, TxHash.Parse(confirmed.Receipt!.TransactionHash));
    }

    [Fact]
    public async Task A_replacement_that_would_exceed_the_ceiling_is_refused_and_nothing_changes()
    {
        await using var anvil = await AnvilNode.StartAsync("--no-mining");
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var options = Options();
        var (probe, probeSigner) = await FundedManager(anvil);
        probeSigner.Dispose();
        var (marketMax, _) = await probe.MarketFeesAsync();
        options.MaxFeePerGasCeiling = marketMax;
        var (manager, signer) = await FundedManager(anvil, options, time);
        using var _ = signer;
        var sent = await manager.SendAsync(Transfer());
        time.Advance(TimeSpan.FromMinutes(3));

        var error = await Assert.ThrowsAsync<FeeCeilingExceededException>(() => manager.AdvanceAsync(sent));
        Assert.Equal(marketMax, error.Ceiling);
        Assert.NotNull(await anvil.Rpc.Eth.Transactions.GetTransactionByHash.SendRequestAsync(sent.Latest.Hash.ToString()));
    }

    [Fact]
    public async Task A_reorg_resets_the_confirmation_count_and_the_transaction_confirms_again()
    {
        await using var anvil = await AnvilNode.StartAsync();
        var (manager, signer) = await FundedManager(anvil, Options(confirmations: 3));
        using var _ = signer;
        var sent = await manager.SendAsync(Transfer());
        Assert.Equal(TransactionState.Included, (await UntilMined(manager, sent)).State);
        await anvil.MineAsync(2);
        var before = await manager.CheckAsync(sent);
        Assert.Equal(TransactionState.Confirmed, before.State);
        Assert.Equal(3UL, before.Confirmations);

        await anvil.CallAsync("anvil_reorg", 3, Array.Empty<object>());

        var after = await manager.CheckAsync(sent);
        Assert.Equal(TransactionState.Dropped, after.State);
        Assert.Equal(0UL, after.Confirmations);

        var (advanced, _) = await manager.AdvanceAsync(sent);
        Assert.Equal(TransactionState.Included, (await UntilMined(manager, advanced)).State);
        await anvil.MineAsync(3);
        var again = await manager.CheckAsync(advanced);
        Assert.Equal(TransactionState.Confirmed, again.State);
        Assert.NotEqual(before.Receipt!.BlockHash, again.Receipt!.BlockHash);
    }

    [Fact]
    public async Task Insufficient_funds_is_a_typed_error_with_address_balance_and_cost_then_succeeds_after_funding()
    {
        await using var anvil = await AnvilNode.StartAsync();
        using var signer = PrivateKeySigner.CreateRandom();
        var store = new InMemoryNonceStore();
        var manager = new TransactionManager(anvil.Rpc, signer, store, Options());

        var error = await Assert.ThrowsAsync<InsufficientFundsException>(() => manager.SendAsync(Transfer(5)));
        Assert.Equal(signer.Address, error.Address);
        Assert.Equal(BigInteger.Zero, error.Balance);
        Assert.True(error.Cost > 5);
        Assert.Contains(signer.Address.ToString(), error.Message, StringComparison.Ordinal);
        Assert.Null(await store.GetAsync(31337, signer.Address));

        await anvil.SetBalanceAsync(signer.Address, Ether);
        var sent = await manager.SendAsync(Transfer(5));
        Assert.Equal(0UL, sent.Nonce);
        Assert.Equal(TransactionState.Confirmed, (await UntilMined(manager, sent)).State);
    }

    [Fact]
    public async Task The_node_rejecting_for_insufficient_funds_still_reports_address_balance_and_cost()
    {
        await using var anvil = await AnvilNode.StartAsync();
        using var signer = PrivateKeySigner.CreateRandom();
        var transaction = new Nethereum.Model.Transaction1559(31337, 0, 1_000_000_000, 3_000_000_000, 21_000, Recipient.ToString(), 7, "0x", []);
        var signed = await signer.SignTransactionAsync(transaction);

        var error = await Assert.ThrowsAsync<InsufficientFundsException>(() => anvil.Rpc.Eth.Transactions.SendRawTransaction.SendRequestAsync(signed.Raw.Span.ToArray().ToHex(true)));
        Assert.Equal(signer.Address, error.Address);
        Assert.Equal(BigInteger.Zero, error.Balance);
        Assert.Equal(new BigInteger(3_000_000_000L * 21_000 + 7), error.Cost);
    }

    [Fact]
    public async Task A_prepared_transaction_the_sender_can_no_longer_pay_is_refused_before_it_is_broadcast_and_accepted_after_funding()
    {
        await using var anvil = await AnvilNode.StartAsync("--no-mining");
        var (manager, signer) = await FundedManager(anvil);
        using var _ = signer;
        var prepared = await manager.PrepareAsync(Transfer(9));
        var cost = TransactionSigning.MaxCost(RawTransaction.Decode(prepared.Latest.Raw.Span).Transaction);
        await anvil.SetBalanceAsync(signer.Address, cost - 1);

        var error = await Assert.ThrowsAsync<InsufficientFundsException>(() => manager.RequireFundsAsync(prepared));
        Assert.Equal(signer.Address, error.Address);
        Assert.Equal(cost - 1, error.Balance);
        Assert.Equal(cost, error.Cost);
        Assert.Null(await anvil.Rpc.Eth.Transactions.GetTransactionByHash.SendRequestAsync(prepared.Latest.Hash.ToString()));

        await anvil.SetBalanceAsync(signer.Address, cost);
        await manager.RequireFundsAsync(prepared);
        await manager.BroadcastAsync(prepared);
        await anvil.MineAsync();
        Assert.Equal(TransactionState.Confirmed, (await manager.CheckAsync(prepared)).State);
    }

    [Fact]
    public async Task Rebroadcasting_the_same_transaction_before_and_after_it_is_mined_counts_as_sent()
    {
        await using var anvil = await AnvilNode.StartAsync("--no-mining");
        var (manager, signer) = await FundedManager(anvil);
        using var _ = signer;
        var sent = await manager.SendAsync(Transfer());

        await manager.BroadcastAsync(sent);
        await anvil.MineAsync();
        await manager.BroadcastAsync(sent);

        Assert.Equal(TransactionState.Confirmed, (await manager.CheckAsync(sent)).State);
        Assert.Equal(1, (int)(await anvil.Rpc.Eth.Transactions.GetTransactionCount.SendRequestAsync(signer.Address.ToString(), BlockParameter.CreateLatest())).Value);
    }

    [Fact]
    public async Task A_prepared_transaction_persisted_as_json_is_broadcast_by_another_manager_after_a_restart()
    {
        await using var anvil = await AnvilNode.StartAsync();
        var store = new InMemoryNonceStore();
        var (first, signer) = await FundedManager(anvil, store: store);
        using var _ = signer;
        var prepared = await first.PrepareAsync(Transfer());
        var json = System.Text.Json.JsonSerializer.Serialize(prepared);

        var restarted = new TransactionManager(anvil.Rpc, signer, store, Options());
        var restored = System.Text.Json.JsonSerializer.Deserialize<SentTransaction>(json)!;
        await restarted.BroadcastAsync(restored);
        var next = await restarted.SendAsync(Transfer());

        Assert.Equal(prepared.Latest.Hash, restored.Latest.Hash);
        Assert.Equal(new BigInteger(21_000 * 120 / 100), ((Nethereum.Model.Transaction1559)RawTransaction.Decode(prepared.Latest.Raw.Span).Transaction).GasLimit);
        Assert.Equal(TransactionState.Confirmed, (await UntilMined(restarted, restored)).State);
        Assert.Equal(1UL, next.Nonce);
    }

    [Fact]
    public async Task Preparing_again_under_the_same_operation_key_after_a_crash_signs_at_the_same_nonce_and_leaves_no_gap()
    {
        await using var anvil = await AnvilNode.StartAsync();
        var store = new InMemoryNonceStore();
        var (first, signer) = await FundedManager(anvil, store: store);
        using var _ = signer;

        // Prepared (nonce taken) and lost before it was stored or broadcast, as when the process is killed there.
        var lost = await first.PrepareAsync(Transfer(1) with { OperationKey = "anchor:batch-1" });
        var other = await first.SendAsync(Transfer(2));
        var restarted = new TransactionManager(anvil.Rpc, signer, store, Options());
        var again = await restarted.SendAsync(Transfer(1) with { OperationKey = "anchor:batch-1" });

        Assert.Equal(0UL, lost.Nonce);
        Assert.Equal(1UL, other.Nonce);
        Assert.Equal(0UL, again.Nonce);
        Assert.Equal(TransactionState.Confirmed, (await UntilMined(restarted, again)).State);
        Assert.Equal(TransactionState.Confirmed, (await UntilMined(restarted, other)).State);
        Assert.Equal(2, (int)(await anvil.Rpc.Eth.Transactions.GetTransactionCount.SendRequestAsync(signer.Address.ToString(), BlockParameter.CreateLatest())).Value);

        // Once the chain has used the reserved nonce, the key gets a new one.
        var later = await restarted.PrepareAsync(Transfer(1) with { OperationKey = "anchor:batch-1" });
        Assert.Equal(2UL, later.Nonce);
    }

    [Fact]
    public async Task A_nonce_mined_by_another_process_with_the_same_key_is_reported_as_taken_not_as_pending()
    {
        await using var anvil = await AnvilNode.StartAsync();
        var (ours, signer) = await FundedManager(anvil);
        using var _ = signer;
        var theirs = new TransactionManager(anvil.Rpc, signer, new InMemoryNonceStore(), Options());

        var prepared = await ours.PrepareAsync(Transfer(1));
        var other = await theirs.SendAsync(Transfer(2));
        Assert.Equal(prepared.Nonce, other.Nonce);
        Assert.Equal(TransactionState.Confirmed, (await UntilMined(theirs, other)).State);

        Assert.Equal(TransactionState.NonceTaken, (await ours.CheckAsync(prepared)).State);
        var failure = await Assert.ThrowsAsync<TransactionFailedException>(() => ours.WaitForConfirmationAsync(prepared));
        Assert.Contains("another process is using this key", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_stored_nonce_behind_the_chain_is_reconciled_with_the_chain()
    {
        await using var anvil = await AnvilNode.StartAsync();
        var (manager, signer) = await FundedManager(anvil);
        using var _ = signer;
        var outside = new TransactionManager(anvil.Rpc, signer, new InMemoryNonceStore(), Options());
        await outside.SendAsync(Transfer());
        await outside.SendAsync(Transfer());

        var sent = await manager.SendAsync(Transfer());

        Assert.Equal(2UL, sent.Nonce);
    }

    [Fact]
    public async Task A_base_fee_above_the_ceiling_fails_clearly_and_sends_nothing()
    {
        await using var anvil = await AnvilNode.StartAsync();
        var options = Options();
        options.MaxFeePerGasCeiling = 10;
        options.MinPriorityFeePerGas = 1;
        var (manager, signer) = await FundedManager(anvil, options);
        using var _ = signer;

        var error = await Assert.ThrowsAsync<FeeCeilingExceededException>(() => manager.SendAsync(Transfer()));
        Assert.Contains("MaxFeePerGasCeiling", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, (int)(await anvil.Rpc.Eth.Transactions.GetTransactionCount.SendRequestAsync(signer.Address.ToString(), BlockParameter.CreatePending())).Value);
    }

    [Fact]
    public async Task A_signer_that_fails_gives_its_nonce_back()
    {
        await using var anvil = await AnvilNode.StartAsync();
        using var key = PrivateKeySigner.CreateRandom();
        await anvil.SetBalanceAsync(key.Address, Ether);
        var store = new InMemoryNonceStore();
        var failing = new TransactionManager(anvil.Rpc, new FailingSigner(key.Address), store, Options());

        await Assert.ThrowsAsync<CryptographicException>(() => failing.SendAsync(Transfer()));
        var sent = await new TransactionManager(anvil.Rpc, key, store, Options()).SendAsync(Transfer());

        Assert.Equal(0UL, sent.Nonce);
    }

    [Fact]
    public async Task A_manager_configured_for_another_chain_signs_nothing()
    {
        await using var anvil = await AnvilNode.StartAsync();
        var options = Options();
        options.ChainId = 11155111;
        var (manager, signer) = await FundedManager(anvil, options);
        using var _ = signer;

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => manager.SendAsync(Transfer()));
        Assert.Contains("11155111", error.Message, StringComparison.Ordinal);
        Assert.Contains("31337", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, (int)(await anvil.Rpc.Eth.Transactions.GetTransactionCount.SendRequestAsync(signer.Address.ToString(), BlockParameter.CreatePending())).Value);
    }

    [Fact]
    public async Task Waiting_for_the_finalized_tag_confirms_only_once_the_block_is_finalized()
    {
        await using var anvil = await AnvilNode.StartAsync();
        var options = Options(confirmations: 1);
        options.WaitForFinalized = true;
        var (manager, signer) = await FundedManager(anvil, options);
        using var _ = signer;
        var sent = await manager.SendAsync(Transfer());
        Assert.Equal(TransactionState.Included, (await UntilMined(manager, sent)).State);
        await anvil.MineAsync(32);
        Assert.Equal(TransactionState.Included, (await manager.CheckAsync(sent)).State);

        var receiptBlock = (await anvil.Rpc.Eth.Transactions.GetTransactionReceipt.SendRequestAsync(sent.Latest.Hash.ToString())).BlockNumber.Value;
        while ((await anvil.Rpc.Eth.Blocks.GetBlockWithTransactionsHashesByNumber.SendRequestAsync(EthRpcClient.Finalized)).Number.Value < receiptBlock)
        {
            await anvil.MineAsync(16);
        }

        Assert.Equal(TransactionState.Confirmed, (await manager.CheckAsync(sent)).State);
    }

    [Fact]
    public async Task A_stopped_node_is_retried_then_reported_as_unreachable()
    {
        var anvil = await AnvilNode.StartAsync();
        var counter = new CountingHandler();
        var client = new EthRpcClient(new HttpClient(counter), new EthRpcOptions { Endpoint = anvil.Url, MaxRetryAttempts = 3, BaseDelay = TimeSpan.FromMilliseconds(10) });
        Assert.Equal(31337, (int)(await client.Eth.ChainId.SendRequestAsync()).Value);
        await anvil.DisposeAsync();
        counter.Count = 0;

        var error = await Assert.ThrowsAsync<RpcUnreachableException>(() => client.Eth.Blocks.GetBlockNumber.SendRequestAsync());
        Assert.Equal(4, counter.Count);
        Assert.Contains(anvil.Url.ToString(), error.Message, StringComparison.Ordinal);
    }

    /// <summary>Anvil's automine answers eth_sendRawTransaction before the block exists; poll until the transaction leaves the pool.</summary>
    private static async Task<TransactionStatus> UntilMined(TransactionManager manager, SentTransaction sent)
    {
        while (true)
        {
            var status = await manager.CheckAsync(sent);
            if (status.State != TransactionState.Pending)
            {
                return status;
            }

            await Task.Delay(10);
        }
    }

    private sealed class FailingSigner(Address address) : ISigner
    {
        public Address Address => address;

        public ValueTask<Nethereum.Signer.EthECDSASignature> SignHashAsync(ReadOnlyMemory<byte> hash32, CancellationToken cancellationToken = default) =>
            throw new CryptographicException("The key vault refused to sign.");
    }

    private sealed class CountingHandler() : DelegatingHandler(new HttpClientHandler())
    {
        public int Count { get; set; }

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Count++;
            return base.SendAsync(request, cancellationToken);
        }
    }
}
