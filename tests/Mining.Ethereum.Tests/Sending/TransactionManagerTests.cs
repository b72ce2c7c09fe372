using System.Numerics;
using System.Text.Json;
using Mining.Ethereum.Rpc;
using Mining.Ethereum.Sending;
using Mining.Ethereum.Signing;
using Mining.Ethereum.Tests.Support;
using Mining.Ethereum.Transactions;
using Nethereum.Hex.HexTypes;

namespace Mining.Ethereum.Tests.Sending;

public sealed class TransactionManagerTests
{
    private static readonly Hash32 ReceiptBlock = Hash32.Parse("0x" + new string('1', 64));
    private static readonly Hash32 CanonicalBlock = Hash32.Parse("0x" + new string('2', 64));

    [Fact]
    public async Task A_receipt_whose_block_is_no_longer_canonical_counts_no_confirmations()
    {
        using var signer = PrivateKeySigner.FromHex(AnvilAccounts.Key0);
        var sent = await Sent(signer);
        var stub = new StubHandler()
            .ThenResult(Receipt(sent))
            .ThenResult(Block(5, CanonicalBlock))
            .ThenResult("\"0x0\"")
            .ThenResult($"{{\"hash\":\"{sent.Latest.Hash}\",\"from\":\"{signer.Address}\",\"to\":null,\"nonce\":\"0x0\",\"value\":\"0x0\",\"input\":\"0x\",\"gas\":\"0x5208\",\"blockHash\":null,\"blockNumber\":null}}");
        var manager = Manager(stub, signer);

        var status = await manager.CheckAsync(sent);

        Assert.Equal(TransactionState.Pending, status.State);
        Assert.Equal(0UL, status.Confirmations);
        Assert.Null(status.Receipt);
    }

    [Fact]
    public async Task A_receipt_in_the_canonical_block_counts_blocks_from_its_height_to_the_head()
    {
        using var signer = PrivateKeySigner.FromHex(AnvilAccounts.Key0);
        var sent = await Sent(signer);
        var stub = new StubHandler()
            .ThenResult(Receipt(sent))
            .ThenResult(Block(5, ReceiptBlock))
            .ThenResult("\"0x6\"");
        var manager = Manager(stub, signer);

        var status = await manager.CheckAsync(sent);

        Assert.Equal(TransactionState.Included, status.State);
        Assert.Equal(2UL, status.Confirmations);
    }

    [Fact]
    public async Task A_sent_transaction_round_trips_through_json()
    {
        using var signer = PrivateKeySigner.FromHex(AnvilAccounts.Key0);
        var sent = await Sent(signer);

        var json = JsonSerializer.Serialize(sent);
        var back = JsonSerializer.Deserialize<SentTransaction>(json)!;

        Assert.Contains(signer.Address.ToString(), json, StringComparison.Ordinal);
        Assert.Equal(sent.Latest.Hash, back.Latest.Hash);
        Assert.Equal(sent.Latest.MaxFeePerGas, back.Latest.MaxFeePerGas);
        Assert.Equal(sent.Latest.Raw.ToArray(), back.Latest.Raw.ToArray());
        Assert.Equal(sent.From, back.From);
    }

    [Fact]
    public void Options_below_the_minimum_replacement_bump_are_refused()
    {
        var error = Assert.Throws<ArgumentException>(() => new TransactionManagerOptions { ChainId = 1, MaxFeePerGasCeiling = 100, ReplacementBumpPerMille = 100 }.Validate());
        Assert.Contains("ReplacementBumpPerMille", error.Message, StringComparison.Ordinal);
    }

    private static TransactionManager Manager(StubHandler stub, PrivateKeySigner signer) => new(
        new EthRpcClient(new HttpClient(stub), new EthRpcOptions { Endpoint = new Uri("http://127.0.0.1:1/"), MaxRetryAttempts = 0 }),
        signer,
        new InMemoryNonceStore(),
        new TransactionManagerOptions { ChainId = 31337, Confirmations = 3, MaxFeePerGasCeiling = new BigInteger(1_000_000_000_000) });

    private static async Task<SentTransaction> Sent(PrivateKeySigner signer)
    {
        var transaction = new Nethereum.Model.Transaction1559(31337, 0, 1_000_000_000, 3_000_000_000, 21_000, Address.Zero.ToString(), 1, "0x", []);
        var signed = await signer.SignTransactionAsync(transaction);
        return new SentTransaction(31337, signer.Address, 0, [new TransactionAttempt(signed.Hash, signed.Raw, 3_000_000_000, 1_000_000_000, DateTimeOffset.UtcNow)]);
    }

    private static string Receipt(SentTransaction sent) =>
        $"{{\"transactionHash\":\"{sent.Latest.Hash}\",\"blockHash\":\"{ReceiptBlock}\",\"blockNumber\":\"0x5\",\"status\":\"0x1\",\"gasUsed\":\"0x5208\",\"effectiveGasPrice\":\"0x1\",\"from\":\"{sent.From}\",\"to\":\"{Address.Zero}\",\"contractAddress\":null,\"logs\":[]}}";

    private static string Block(ulong number, Hash32 hash) =>
        $"{{\"number\":\"{new HexBigInteger(number).HexValue}\",\"hash\":\"{hash}\",\"parentHash\":\"{Hash32.Zero}\",\"timestamp\":\"0x1\",\"gasLimit\":\"0x1\",\"gasUsed\":\"0x0\",\"transactions\":[]}}";
}
