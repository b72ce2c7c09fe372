using System.Numerics;
using Mining.Ethereum.Abi;
using Mining.Ethereum.Tests.Support;

namespace Mining.Ethereum.Tests.Abi;

public sealed class AbiTests
{
    private const string Signature = "f(uint8,int256,address,bool,bytes32,bytes,string,uint256[],uint16[2],(uint32,bytes))";
    private static readonly string[] Types = ["uint8", "int256", "address", "bool", "bytes32", "bytes", "string", "uint256[]", "uint16[2]", "(uint32,bytes)"];

    private static object?[] Values() =>
    [
        7,
        new BigInteger(-5),
        Address.Parse(AnvilAccounts.Address0),
        true,
        Enumerable.Repeat((byte)1, 32).ToArray(),
        new byte[] { 0xde, 0xad, 0xbe, 0xef },
        "héllo",
        new object[] { 1, 2, 3 },
        new object[] { 4, 5 },
        new object[] { 9u, new byte[] { 0xab, 0xcd } },
    ];

    [Fact]
    public void Every_supported_type_encodes_exactly_as_cast_abi_encode()
    {
        var castEncoding = Cast.Run("abi-encode", Signature, "7", "-5", AnvilAccounts.Address0, "true",
            "0x0101010101010101010101010101010101010101010101010101010101010101", "0xdeadbeef", "héllo", "[1,2,3]", "[4,5]", "(9,0xabcd)");
        Assert.Equal(castEncoding, Hex.Encode(AbiEncoder.Encode(Types, Values())));
    }

    [Fact]
    public void Decoding_an_encoding_gives_the_values_back()
    {
        var decoded = AbiDecoder.Decode(Types, AbiEncoder.Encode(Types, Values()));
        Assert.Equal(new BigInteger(7), decoded[0]);
        Assert.Equal(new BigInteger(-5), decoded[1]);
        Assert.Equal(Address.Parse(AnvilAccounts.Address0), decoded[2]);
        Assert.Equal(true, decoded[3]);
        Assert.Equal("héllo", decoded[6]);
        Assert.Equal(new object[] { BigInteger.One, new BigInteger(2), new BigInteger(3) }, (IEnumerable<object>)decoded[7]);
        var tuple = (IReadOnlyList<object>)decoded[9];
        Assert.Equal(new BigInteger(9), tuple[0]);
        Assert.Equal(new byte[] { 0xab, 0xcd }, tuple[1]);
    }

    [Fact]
    public void Selectors_and_event_topics_agree_with_cast()
    {
        var transfer = AbiFunction.Parse("transfer(address to, uint256 amount)", "bool");
        Assert.Equal("0xa9059cbb", Hex.Encode(transfer.Selector.Span));
        var anchor = AbiFunction.Parse("anchor(bytes32 root, uint32 leafCount, bytes32 manifestDigest, bytes32 rewardsRoot)");
        Assert.Equal(Cast.Run("sig", anchor.Signature), Hex.Encode(anchor.Selector.Span));
        var transferEvent = AbiEvent.Parse("Transfer(address indexed from, address indexed to, uint256 value)");
        Assert.Equal("0xddf252ad1be2c89b69c2b068fc378daa952ba7f163c4a11628f55a4df523b3ef", transferEvent.Topic.ToString());
    }

    [Fact]
    public void A_log_decodes_its_indexed_and_data_values_by_name()
    {
        var anchored = AbiEvent.Parse("BatchAnchored(uint256 indexed batchId, bytes32 indexed root, uint32 leafCount, bytes32 manifestDigest, bytes32 rewardsRoot)");
        var root = Hash32.Parse("0x" + new string('a', 64));
        var topics = new[] { anchored.Topic, new Hash32(AbiEncoder.Encode(["uint256"], 3)), root };
        var data = AbiEncoder.Encode(["uint32", "bytes32", "bytes32"], 1000u, Hash32.Zero, root);

        var decoded = anchored.Decode(topics, data);

        Assert.Equal(new BigInteger(3), decoded.Get<BigInteger>("batchId"));
        Assert.Equal(root.ToByteArray(), decoded.Get<byte[]>("root"));
        Assert.Equal(new BigInteger(1000), decoded.Get<BigInteger>("leafCount"));
    }

    [Fact]
    public void A_log_of_another_event_is_refused()
    {
        var anchored = AbiEvent.Parse("BatchAnchored(uint256 indexed batchId, bytes32 indexed root, uint32 leafCount, bytes32 manifestDigest, bytes32 rewardsRoot)");
        var transfer = AbiEvent.Parse("Transfer(address indexed from, address indexed to, uint256 value)");
        Assert.Throws<FormatException>(() => anchored.Decode([transfer.Topic, Hash32.Zero, Hash32.Zero], new byte[96]));
    }

    [Theory]
    [InlineData("uint8", 256)]
    [InlineData("int8", 128)]
    [InlineData("int8", -129)]
    [InlineData("uint32", -1)]
    public void An_integer_out_of_range_for_its_width_is_refused(string type, int value)
    {
        Assert.Throws<ArgumentException>(() => AbiEncoder.Encode([type], value));
    }

    [Fact]
    public void An_offset_pointing_outside_the_data_is_a_format_error_not_a_crash()
    {
        var data = new byte[64];
        data[31] = 0xff;
        Assert.Throws<FormatException>(() => AbiDecoder.Decode(["bytes"], data));
        data[31] = 0x20;
        data[63] = 0xff;
        Assert.Throws<FormatException>(() => AbiDecoder.Decode(["uint256[]"], data));
    }

    [Fact]
    public void Error_string_and_panic_reverts_decode_to_their_message()
    {
        var errorData = Hex.Decode(Cast.Run("calldata", "Error(string)", "not an operator"));
        var reason = RevertDecoder.BuiltIn.Decode(errorData);
        Assert.Equal(RevertKind.Error, reason.Kind);
        Assert.Equal("not an operator", reason.Message);

        var panic = RevertDecoder.BuiltIn.Decode(Hex.Decode(Cast.Run("calldata", "Panic(uint256)", "0x11")));
        Assert.Equal(RevertKind.Panic, panic.Kind);
        Assert.Contains("overflow", panic.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_known_custom_error_decodes_with_its_arguments_and_an_unknown_one_is_reported_by_selector()
    {
        var error = AbiError.Parse("NothingToClaim(address account, uint256 cumulativeAmount, uint256 alreadyClaimed)");
        var data = Hex.Decode(Cast.Run("calldata", error.Signature, AnvilAccounts.Address1, "5", "5"));

        var reason = new RevertDecoder([error]).Decode(data);
        Assert.Equal(RevertKind.Custom, reason.Kind);
        Assert.Equal("NothingToClaim", reason.Name);
        Assert.Equal(Address.Parse(AnvilAccounts.Address1), reason.Arguments[0]);
        Assert.Contains("alreadyClaimed: 5", reason.Message, StringComparison.Ordinal);

        var unknown = RevertDecoder.BuiltIn.Decode(data);
        Assert.Equal(RevertKind.Unknown, unknown.Kind);
        Assert.Contains(Hex.Encode(error.Selector.Span), unknown.Message, StringComparison.Ordinal);
    }
}
