using System.Numerics;
using Mining.Ethereum.Rpc;
using Mining.Ethereum.Signing;
using Mining.Ethereum.Tests.Support;
using Mining.Ethereum.Transactions;
using Nethereum.Model;

namespace Mining.Ethereum.Tests.Transactions;

/// <summary>Raw transactions we build and sign, accepted and attributed to our signer by a real node (private anvil).</summary>
public sealed class TransactionsOnAnvilTests
{
    private static readonly Address Recipient = Address.Parse("0x3535353535353535353535353535353535353535");

    [Fact]
    public async Task Anvil_mines_our_legacy_eip155_and_eip1559_transactions_as_sent_by_our_signer()
    {
        await using var anvil = await AnvilNode.StartAsync("--no-mining");
        using var signer = PrivateKeySigner.CreateRandom();
        await anvil.SetBalanceAsync(signer.Address, BigInteger.Pow(10, 18));
        var legacy = await signer.SignTransactionAsync(new LegacyTransactionChainId(Recipient.ToString(), 11, 0, 5_000_000_000, 21_000, 31337));
        var dynamicFee = await signer.SignTransactionAsync(new Transaction1559(31337, 1, 1_000_000_000, 5_000_000_000, 21_000, Recipient.ToString(), 22, "0x", []));

        Assert.Equal(legacy.Hash, await anvil.Rpc.SendRawTransactionAsync(legacy.Raw));
        Assert.Equal(dynamicFee.Hash, await anvil.Rpc.SendRawTransactionAsync(dynamicFee.Raw));
        await anvil.MineAsync();

        var receipts = await anvil.Rpc.GetTransactionReceiptsAsync([legacy.Hash, dynamicFee.Hash]);
        Assert.All(receipts, receipt =>
        {
            Assert.NotNull(receipt);
            Assert.True(receipt.Succeeded);
            Assert.Equal(signer.Address, receipt.From);
        });
        Assert.Equal(new BigInteger(33), await anvil.Rpc.GetBalanceAsync(Recipient));
        var fetched = await anvil.Rpc.GetTransactionByHashAsync(dynamicFee.Hash);
        Assert.Equal(1UL, fetched!.Nonce);
        Assert.Equal(new BigInteger(5_000_000_000), fetched.MaxFeePerGas);
    }

    [Fact]
    public async Task Anvil_rejects_a_transaction_signed_for_another_chain()
    {
        await using var anvil = await AnvilNode.StartAsync();
        using var signer = PrivateKeySigner.CreateRandom();
        await anvil.SetBalanceAsync(signer.Address, BigInteger.Pow(10, 18));
        var foreign = await signer.SignTransactionAsync(new Transaction1559(1, 0, 1_000_000_000, 5_000_000_000, 21_000, Recipient.ToString(), 1, "0x", []));

        await Assert.ThrowsAnyAsync<EthereumRpcException>(() => anvil.Rpc.SendRawTransactionAsync(foreign.Raw));
    }
}
