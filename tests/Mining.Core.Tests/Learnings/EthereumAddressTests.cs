using Mining.Core.Learnings;

namespace Mining.Core.Tests.Learnings;

public sealed class EthereumAddressTests
{
    // EIP-55 test vectors.
    [Theory]
    [InlineData("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed")]
    [InlineData("0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359")]
    [InlineData("0xdbF03B407c01E7cD3CBea99509d93f8DDDC8C6FB")]
    [InlineData("0xD1220A0cf47c7B9Be7A2E6BA89F429762e7b9aDb")]
    public void The_EIP_55_vectors_round_trip_through_lowercase(string address)
    {
        Assert.Equal(address, EthereumAddress.ToChecksum(address.ToLowerInvariant()));
        Assert.True(EthereumAddress.IsValid(address));
    }

    [Fact]
    public void A_mixed_case_address_with_a_wrong_checksum_is_invalid()
    {
        Assert.False(EthereumAddress.IsValid("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAeD"));
    }

    [Theory]
    [InlineData("0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed")]
    [InlineData("0x5AAEB6053F3E94C9B9A09F33669435E7EF1BEAED")]
    public void Single_case_addresses_carry_no_checksum_and_are_valid(string address)
    {
        Assert.True(EthereumAddress.IsValid(address));
    }

    [Theory]
    [InlineData("5aaeb6053f3e94c9b9a09f33669435e7ef1beaed")]
    [InlineData("0x5aaeb6053f3e94c9b9a09f33669435e7ef1bea")]
    [InlineData("0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaeg")]
    public void Malformed_addresses_are_invalid_and_cannot_be_converted(string address)
    {
        Assert.False(EthereumAddress.IsValid(address));
        Assert.Throws<FormatException>(() => EthereumAddress.ToBytes(address));
    }
}
