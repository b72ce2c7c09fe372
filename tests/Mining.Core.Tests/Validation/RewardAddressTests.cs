using System.Text;
using System.Text.Json.Nodes;
using Mining.Core.Validation;

namespace Mining.Core.Tests.Validation;

/// <summary>A learning's reward address goes through Mining.Ethereum's <c>Address</c> (EIP-55 on Nethereum): the vectors as the validator sees them.</summary>
public sealed class RewardAddressTests
{
    private static string? Accepted(string address)
    {
        var document = JsonNode.Parse(Samples.Read("rust-mutex-across-await.json"))!.AsObject();
        document["rewardAddress"] = address;
        var result = LearningValidator.Validate(Encoding.UTF8.GetBytes(document.ToJsonString()), new ValidationOptions());
        Assert.Equal(result.IsValid ? [] : ["/rewardAddress"], result.Problems.Select(p => p.Path).ToList());
        return result.Learning?.RewardAddress;
    }

    // EIP-55 test vectors.
    [Theory]
    [InlineData("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed")]
    [InlineData("0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359")]
    [InlineData("0xdbF03B407c01E7cD3CBea99509d93f8DDDC8C6FB")]
    [InlineData("0xD1220A0cf47c7B9Be7A2E6BA89F429762e7b9aDb")]
    public void The_EIP_55_vectors_are_accepted_and_lowercase_becomes_them(string address)
    {
        Assert.Equal(address, Accepted(address));
        Assert.Equal(address, Accepted(address.ToLowerInvariant()));
    }

    [Fact]
    public void A_mixed_case_address_with_a_wrong_checksum_is_refused()
    {
        Assert.Null(Accepted("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAeD"));
    }

    [Theory]
    [InlineData("0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed")]
    [InlineData("0x5AAEB6053F3E94C9B9A09F33669435E7EF1BEAED")]
    public void Single_case_addresses_carry_no_checksum_and_are_accepted(string address)
    {
        Assert.Equal("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed", Accepted(address));
    }

    [Theory]
    [InlineData("5aaeb6053f3e94c9b9a09f33669435e7ef1beaed")]
    [InlineData("0X5aaeb6053f3e94c9b9a09f33669435e7ef1beaed")]
    [InlineData("0x5aaeb6053f3e94c9b9a09f33669435e7ef1bea")]
    [InlineData("0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaeg")]
    public void Malformed_addresses_are_refused(string address)
    {
        Assert.Null(Accepted(address));
    }
}
