namespace Mining.Ethereum.Tests;

public sealed class AddressTests
{
    [Theory]
    [InlineData("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed")]
    [InlineData("0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359")]
    [InlineData("0xdbF03B407c01E7cD3CBea99509d93f8DDDC8C6FB")]
    [InlineData("0xD1220A0cf47c7B9Be7A2E6BA89F429762e7b9aDb")]
    public void Eip55_vectors_round_trip_with_their_checksum(string checksummed)
    {
        Assert.Equal(checksummed, Address.Parse(checksummed.ToLowerInvariant()).ToString());
        Assert.Equal(checksummed, Address.Parse(checksummed).ToString());
    }

    [Fact]
    public void A_mixed_case_address_with_a_wrong_checksum_is_rejected_with_advice()
    {
        var error = Assert.Throws<FormatException>(() => Address.Parse("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAeD"));
        Assert.Contains("checksum", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0x5aaeb6053f3e94c9b9a09f33669435e7ef1beae")]
    [InlineData("5aaeb6053f3e94c9b9a09f33669435e7ef1beaed00")]
    [InlineData("0xzaaeb6053f3e94c9b9a09f33669435e7ef1beaed")]
    public void Text_that_is_not_an_address_does_not_parse(string text)
    {
        Assert.False(Address.TryParse(text, out _));
    }

    [Fact]
    public void Equal_bytes_are_equal_addresses()
    {
        var a = Address.Parse("0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed");
        var b = new Address(a.ToByteArray());
        Assert.Equal(a, b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.NotEqual(Address.Zero, a);
    }
}
