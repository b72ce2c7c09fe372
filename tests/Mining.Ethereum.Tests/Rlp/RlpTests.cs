using System.Numerics;
using System.Text;
using Mining.Ethereum.Rlp;
using Mining.Ethereum.Tests.Support;

namespace Mining.Ethereum.Tests.Rlp;

/// <summary>Vectors from the Ethereum wiki's RLP page and ethereum/tests rlptest.json.</summary>
public sealed class RlpTests
{
    [Theory]
    [InlineData("dog", "0x83646f67")]
    [InlineData("", "0x80")]
    [InlineData("d", "0x64")]
    [InlineData("Lorem ipsum dolor sit amet, consectetur adipisicing elit", "0xb8384c6f72656d20697073756d20646f6c6f722073697420616d65742c20636f6e7365637465747572206164697069736963696e6720656c6974")]
    public void Strings_encode_as_published(string text, string expected)
    {
        var encoded = RlpEncoder.EncodeBytes(Encoding.ASCII.GetBytes(text));
        Assert.Equal(expected, Hex.Encode(encoded));
        Assert.Equal(text, Encoding.ASCII.GetString(RlpDecoder.Decode(encoded).Bytes.Span));
    }

    [Theory]
    [InlineData(0, "0x80")]
    [InlineData(1, "0x01")]
    [InlineData(15, "0x0f")]
    [InlineData(127, "0x7f")]
    [InlineData(128, "0x8180")]
    [InlineData(1024, "0x820400")]
    [InlineData(100000, "0x830186a0")]
    public void Integers_encode_as_published(long value, string expected)
    {
        var encoded = RlpEncoder.EncodeInteger(new BigInteger(value));
        Assert.Equal(expected, Hex.Encode(encoded));
        Assert.Equal(new BigInteger(value), RlpDecoder.Decode(encoded).AsInteger());
    }

    [Fact]
    public void A_big_integer_encodes_as_published()
    {
        var value = BigInteger.Parse("83729609699884896815286331701780722", System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal("0x8f102030405060708090a0b0c0d0e0f2", Hex.Encode(RlpEncoder.EncodeInteger(value)));
    }

    [Fact]
    public void Lists_encode_as_published()
    {
        Assert.Equal("0xc0", Hex.Encode(RlpEncoder.EncodeList()));
        Assert.Equal("0xc88363617483646f67", Hex.Encode(RlpEncoder.EncodeList(RlpEncoder.EncodeBytes("cat"u8), RlpEncoder.EncodeBytes("dog"u8))));
        var empty = RlpEncoder.EncodeList();
        var setTheoretic = RlpEncoder.EncodeList(empty, RlpEncoder.EncodeList(empty), RlpEncoder.EncodeList(empty, RlpEncoder.EncodeList(empty)));
        Assert.Equal("0xc7c0c1c0c3c0c1c0", Hex.Encode(setTheoretic));
        var decoded = RlpDecoder.Decode(setTheoretic);
        Assert.Equal(3, decoded.Items.Count);
        Assert.Single(decoded.Items[1].Items);
    }

    [Fact]
    public void A_long_list_uses_the_long_form_and_agrees_with_cast()
    {
        var items = Enumerable.Range(0, 20).Select(i => RlpEncoder.EncodeBytes("abcd"u8)).ToArray();
        var encoded = RlpEncoder.EncodeList(items);
        var castJson = "[" + string.Join(',', Enumerable.Repeat("\"0x61626364\"", 20)) + "]";
        Assert.Equal(Cast.Run("to-rlp", castJson), Hex.Encode(encoded));
        Assert.Equal(20, RlpDecoder.Decode(encoded).Items.Count);
    }

    [Theory]
    [InlineData("0x8100", "single byte below 0x80 wrapped")]
    [InlineData("0xb800", "long form for a short string")]
    [InlineData("0x83646f", "truncated string")]
    [InlineData("0x83646f6700", "trailing byte")]
    [InlineData("0xc583646f67", "list longer than its content")]
    public void Non_canonical_or_truncated_data_is_rejected(string hex, string why)
    {
        Assert.True(why.Length > 0);
        Assert.Throws<FormatException>(() => RlpDecoder.Decode(Hex.Decode(hex)));
    }

    [Fact]
    public void An_integer_with_a_leading_zero_is_rejected()
    {
        Assert.Throws<FormatException>(() => RlpDecoder.Decode(Hex.Decode("0x820001")).AsInteger());
    }
}
