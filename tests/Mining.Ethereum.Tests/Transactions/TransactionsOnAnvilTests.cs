using System.Numerics;
using Mining.Ethereum.Rpc;
using Mining.Ethereum.Signing;
using Mining.Ethereum.Tests.Support;
using Mining.Ethereum.Transactions;
using Nethereum.Hex.HexConvertors.Extensions;
using Nethereum.Model;
using Nethereum.RPC.Eth.DTOs;

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

        Assert.Equal(legacy.Hash, TxHash.Parse(await anvil.Rpc.Eth.Transactions.SendRawTransaction.SendRequestAsync(legacy.Raw.Span.ToArray().ToHex(true))));
        Assert.Equal(dynamicFee.Hash, TxHash.Parse(await anvil.Rpc.Eth.Transactions.SendRawTransaction.SendRequestAsync(dynamicFee.Raw.Span.ToArray().ToHex(true))));
        await anvil.MineAsync();

        var receipts = await Task.WhenAll(new[] { legacy.Hash, dynamicFee.Hash }.Select(hash => anvil.Rpc.Eth.Transactions.GetTransactionReceipt.SendRequestAsync(hash.ToString())));
        Assert.All(receipts, receipt =>
        {
            Assert.NotNull(receipt);
            Assert.True(receipt.Succeeded());
            Assert.Equal(signer.Address, Address.Parse(receipt.From.ToLowerInvariant()));
        });
        Assert.Equal(new BigInteger(33), (await anvil.Rpc.Eth.GetBalance.SendRequestAsync(Recipient.ToString(), BlockParameter.CreateLatest())).Value);
        var fetched = await anvil.Rpc.Eth.Transactions.GetTransactionByHash.SendRequestAsync(dynamicFee.Hash.ToString());
        Assert.Equal(1, (int)fetched!.Nonce.Value);
        Assert.Equal(new BigInteger(5_000_000_000), fetched.MaxFeePerGas.Value);
    }

    [Fact]
    public async Task Anvil_rejects_a_transaction_signed_for_another_chain()
    {
        await using var anvil = await AnvilNode.StartAsync();
        using var signer = PrivateKeySigner.CreateRandom();
        await anvil.SetBalanceAsync(signer.Address, BigInteger.Pow(10, 18));
        var foreign = await signer.SignTransactionAsync(new Transaction1559(1, 0, 1_000_000_000, 5_000_000_000, 21_000, Recipient.ToString(), 1, "0x", []));

        await Assert.ThrowsAnyAsync<EthereumRpcException>(() => anvil.Rpc.Eth.Transactions.SendRawTransaction.SendRequestAsync(foreign.Raw.Span.ToArray().ToHex(true)));
    }
}
