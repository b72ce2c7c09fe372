using System.Text;
using Mining.Ethereum.Crypto;
using Mining.Ethereum.Tests.Support;

namespace Mining.Ethereum.Tests.Crypto;

public sealed class Keccak256Tests
{
    [Theory]
    [InlineData("", "0xc5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470")]
    [InlineData("abc", "0x4e03657aea45a94fc7d47ba826c8d667c0d1e6e33a64a036ec44f58fa12d6c45")]
    [InlineData("The quick brown fox jumps over the lazy dog", "0x4d741b6f1eb29cb2a9b9911c82f56fa8d73b04959d3d9d222895df6c0b28aa15")]
    public void Published_vectors_hash_as_published(string text, string expected)
    {
        Assert.Equal(expected, Hex.Encode(Keccak256.Hash(Encoding.ASCII.GetBytes(text))));
    }

    [Fact]
    public void It_is_keccak_not_nist_sha3()
    {
        var nistSha3OfEmpty = "0xa7ffc6f8bf1ed76651c14756a061d662f580ff4de43b49fa82d80a4b80f8434a";
        Assert.NotEqual(nistSha3OfEmpty, Hex.Encode(Keccak256.Hash([])));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(135)]
    [InlineData(136)]
    [InlineData(137)]
    [InlineData(1000)]
    public void Hashes_across_the_rate_boundary_agree_with_cast(int length)
    {
        var data = Enumerable.Range(0, length).Select(i => (byte)(i * 7 + 3)).ToArray();
        Assert.Equal(Cast.Run("keccak", Hex.Encode(data)), Hex.Encode(Keccak256.Hash(data)));
    }

    [Fact]
    public void The_span_overload_writes_the_same_digest()
    {
        Span<byte> destination = stackalloc byte[40];
        Keccak256.Hash("abc"u8, destination);
        Assert.Equal(Keccak256.Hash("abc"u8), destination[..32].ToArray());
    }
}
