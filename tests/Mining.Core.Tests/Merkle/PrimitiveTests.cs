using System.Text;
using Mining.Core.Merkle;
using Mining.Core.Multiformats;
using Mining.Core.Preparation;

namespace Mining.Core.Tests.Merkle;

public sealed class PrimitiveTests
{
    [Theory]
    [InlineData("", "0xc5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470")]
    [InlineData("abc", "0x4e03657aea45a94fc7d47ba826c8d667c0d1e6e33a64a036ec44f58fa12d6c45")]
    public void Keccak256_matches_the_published_vectors(string input, string expected)
    {
        Assert.Equal(expected, Keccak256.Hash(Encoding.ASCII.GetBytes(input)).ToString());
    }

    [Fact]
    public void Bytes32_parses_with_or_without_prefix_and_orders_big_endian()
    {
        var low = Bytes32.Parse("00" + new string('f', 62));
        var high = Bytes32.Parse("0x01" + new string('0', 62));

        Assert.True(low < high);
        Assert.Equal(high, Bytes32.Parse(high.ToString()));
        Assert.Throws<FormatException>(() => Bytes32.Parse("0x1234"));
        Assert.Throws<FormatException>(() => Bytes32.Parse("0x" + new string('z', 64)));
    }

    [Fact]
    public void A_cid_decodes_to_its_binary_form_and_back()
    {
        var cid = new RawBlockCidCalculator().ComputeCid("hello"u8);

        var binary = CidText.ToBytes(cid);

        Assert.Equal("bafkreibm6jg3ux5qumhcn2b3flc3tyu6dmlb4xa7u5bf44yegnrjhc4yeq", cid);
        Assert.Equal(36, binary.Length);
        Assert.Equal([0x01, 0x55, 0x12, 0x20], binary[..4]);
        Assert.Equal(cid, "b" + Base32Lower.Encode(binary));
    }

    [Theory]
    [InlineData("QmYwAPJzv5CZsnA625s3Xf2nemtYgPpHdWEz79ojWnPbdG")]
    [InlineData("zb2rhe5P4gXftAwvA4eXQ5HJwsER2owDyS9sKaQRRVQPn93bA")]
    public void A_cid_that_is_not_base32_v1_is_refused_with_advice(string cid)
    {
        var error = Assert.Throws<FormatException>(() => CidText.ToBytes(cid));

        Assert.Contains("base32", error.Message, StringComparison.Ordinal);
    }
}
