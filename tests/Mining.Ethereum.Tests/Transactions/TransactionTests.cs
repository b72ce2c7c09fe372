using System.Numerics;
using System.Text.Json;
using Mining.Ethereum.Signing;
using Mining.Ethereum.Tests.Support;
using Mining.Ethereum.Transactions;
using Mining.Testing;
using Nethereum.Model;
using Nethereum.Hex.HexConvertors.Extensions;

namespace Mining.Ethereum.Tests.Transactions;

public sealed class TransactionTests
{
    private static readonly Address Recipient = Address.Parse("0x3535353535353535353535353535353535353535");

    [Fact]
    public async Task The_eip155_example_transaction_signs_byte_for_byte()
    {
        using var signer = PrivateKeySigner.FromHex("0x4646464646464646464646464646464646464646464646464646464646464646");
        var transaction = new LegacyTransactionChainId(Recipient.ToString(), BigInteger.Pow(10, 18), 9, 20_000_000_000, 21000, 1);

        Assert.Equal("0xdaf5a779ae972f972197303d7b574746c7ef83eadac0f2791ad23db92e4c8e53", transaction.RawHash.ToHex(true));
        var signed = await signer.SignTransactionAsync(transaction);
        Assert.Equal(
            "0xf86c098504a817c800825208943535353535353535353535353535353535353535880de0b6b3a76400008025a028ef61340bd939bc2195fe537567866003e1a15d3c71ff63e1590620aa636276a067cbe9d8997f761aecb703304b3800ccf555c9f3dc64214b297fb1966a3b6d83",
            signed.Raw.Span.ToArray().ToHex(true));
        Assert.Equal(Address.Parse("0x9d8A62f656a8d1615C1294fd71e9CFb3E4855A4F"), signed.From);
    }

    [Fact]
    public async Task A_legacy_eip155_transaction_is_the_one_cast_builds_for_the_same_fields()
    {
        await using var anvil = await AnvilNode.StartAsync();
        using var signer = PrivateKeySigner.FromHex(AnvilAccounts.Key0);
        var signed = await signer.SignTransactionAsync(new LegacyTransactionChainId(Recipient.ToString(), 1, 0, 2_000_000_000, 21000, 31337));
        var castRaw = Cast.Run("mktx", "--legacy", "--rpc-url", anvil.Url.ToString(), "--private-key", AnvilAccounts.Key0, "--chain", "31337", "--nonce", "0",
            "--gas-limit", "21000", "--gas-price", "2000000000", Recipient.ToString(), "--value", "1");
        Assert.Equal(castRaw, signed.Raw.Span.ToArray().ToHex(true));
    }

    [Fact]
    public async Task An_eip1559_transaction_is_the_one_cast_builds_for_the_same_fields()
    {
        await using var anvil = await AnvilNode.StartAsync();
        using var signer = PrivateKeySigner.FromHex(AnvilAccounts.Key0);
        var signed = await signer.SignTransactionAsync(new Transaction1559(31337, 0, 1_000_000_000, 2_000_000_000, 21000, Recipient.ToString(), 1, "0x", []));
        var castRaw = Cast.Run("mktx", "--rpc-url", anvil.Url.ToString(), "--private-key", AnvilAccounts.Key0, "--chain", "31337", "--nonce", "0", "--gas-limit", "21000",
            "--gas-price", "2000000000", "--priority-gas-price", "1000000000", Recipient.ToString(), "--value", "1");
        Assert.Equal(castRaw, signed.Raw.Span.ToArray().ToHex(true));
    }

    [Fact]
    public async Task Cast_decodes_our_eip1559_transaction_with_call_data_and_recovers_our_signer()
    {
        using var signer = PrivateKeySigner.FromHex(AnvilAccounts.Key1);
        const string data = "0xa9059cbb000000000000000000000000f39fd6e51aad88f6f4ce6ab8827279cfffb922660000000000000000000000000000000000000000000000000000000000000064";
        var signed = await signer.SignTransactionAsync(new Transaction1559(11155111, 42, 1_500_000_000, 30_000_000_000, 65_000, Recipient.ToString(), 0, data, []));

        using var decoded = JsonDocument.Parse(JsonSerializer.Deserialize<string>(Cast.Run("decode-tx", signed.Raw.Span.ToArray().ToHex(true)))!);
        var root = decoded.RootElement;
        Assert.Equal(AnvilAccounts.Address1.ToLowerInvariant(), root.GetProperty("signer").GetString()!.ToLowerInvariant());
        Assert.Equal(signed.Hash.ToString(), root.GetProperty("hash").GetString());
        Assert.Equal("0x2a", root.GetProperty("nonce").GetString());
        Assert.Equal(data, root.GetProperty("input").GetString());
        Assert.Equal("0xaa36a7", root.GetProperty("chainId").GetString());
    }

    [Fact]
    public async Task A_raw_transaction_decodes_back_to_its_fields_signer_and_hash()
    {
        using var signer = PrivateKeySigner.FromHex(AnvilAccounts.Key0);
        var signed = await signer.SignTransactionAsync(new Transaction1559(31337, 7, 3, 1_000_000_007, 100_000, null, 5, "0x6000", []));
        var decoded = RawTransaction.Decode(signed.Raw.Span);

        var fields = Assert.IsType<Transaction1559>(decoded.Transaction);
        Assert.Equal(signed.Hash, decoded.Hash);
        Assert.Equal(signer.Address, decoded.From);
        Assert.True(string.IsNullOrEmpty(fields.ReceiverAddress));
        Assert.Equal(new BigInteger(7), fields.Nonce);
        Assert.Equal(new BigInteger(1_000_000_007), fields.MaxFeePerGas);
        Assert.Equal(new BigInteger(100_000 * 1_000_000_007L + 5), TransactionSigning.MaxCost(fields));
    }

    [Fact]
    public void Bytes_that_are_not_a_transaction_are_a_format_error()
    {
        Assert.Throws<FormatException>(() => RawTransaction.Decode([0x03, 0xc0]));
    }
}
