using System.Text;
using Mining.Core.Merkle;
using Mining.Core.Preparation;
using Mining.Ethereum;
using Mining.Ipfs.Multiformats;

namespace Mining.Core.Tests.Merkle;

/// <summary>The basic types Core builds on (Mining.Ethereum's <see cref="Hash32"/>, Mining.Ipfs's <see cref="Cid"/>) against published vectors.</summary>
public sealed class PrimitiveTests
{
    [Theory]
    [InlineData("", "0xc5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470")]
    [InlineData("abc", "0x4e03657aea45a94fc7d47ba826c8d667c0d1e6e33a64a036ec44f58fa12d6c45")]
    public void Keccak256_matches_the_published_vectors(string input, string expected)
    {
        Assert.Equal(expected, Hash32.Keccak256(Encoding.ASCII.GetBytes(input)).ToString());
    }

    [Fact]
    public void Hash32_parses_with_or_without_prefix_and_orders_big_endian()
    {
        var low = Hash32.Parse("00" + new string('f', 62));
        var high = Hash32.Parse("0x01" + new string('0', 62));

        Assert.True(low < high);
        Assert.Equal(high, Hash32.Parse(high.ToString()));
        Assert.Throws<FormatException>(() => Hash32.Parse("0x1234"));
        Assert.Throws<FormatException>(() => Hash32.Parse("0x" + new string('z', 64)));
    }

    [Fact]
    public void A_cid_decodes_to_its_binary_form_and_back()
    {
        var cid = ContentPreparer.ComputeCid("hello"u8);

        var binary = cid.ToBytes();

        Assert.Equal("bafkreibm6jg3ux5qumhcn2b3flc3tyu6dmlb4xa7u5bf44yegnrjhc4yeq", cid.ToString());
        Assert.Equal(36, binary.Length);
        Assert.Equal([0x01, 0x55, 0x12, 0x20], binary[..4]);
        Assert.Equal(cid, Cid.Parse(cid.ToString()));
        Assert.Equal(cid, Cid.FromBytes(binary));
    }

    [Fact]
    public void A_cidv0_is_refused_as_a_leaf_with_advice()
    {
        var error = Assert.Throws<ArgumentException>(() => MerkleLeaves.ForLearning(Cid.Parse("QmYwAPJzv5CZsnA625s3Xf2nemtYgPpHdWEz79ojWnPbdG")));

        Assert.Contains("ipfs cid base32", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_cidv1_in_another_multibase_has_the_leaf_of_its_base32_form()
    {
        var base32 = Cid.Parse("bafkreibm6jg3ux5qumhcn2b3flc3tyu6dmlb4xa7u5bf44yegnrjhc4yeq");
        var base58 = Cid.Parse(base32.ToString(MultibaseEncoding.Base58Btc));

        Assert.Equal(MerkleLeaves.ForLearning(base32), MerkleLeaves.ForLearning(base58));
    }
}
