using Mining.Ethereum.Abi;
using Mining.Ethereum.Tests.Support;
using Mining.Testing;
using Nethereum.Hex.HexConvertors.Extensions;

namespace Mining.Ethereum.Tests.Abi;

public sealed class RevertDecoderTests
{
    private const string NothingToClaimAbi =
        """[{"type":"error","name":"NothingToClaim","inputs":[{"name":"account","type":"address"},{"name":"cumulativeAmount","type":"uint256"},{"name":"alreadyClaimed","type":"uint256"}]}]""";

    [Fact]
    public void Error_string_and_panic_reverts_made_by_cast_decode_to_their_message()
    {
        var reason = RevertDecoder.BuiltIn.Decode(Cast.Run("calldata", "Error(string)", "not an operator").HexToByteArray());
        Assert.Equal(RevertKind.Error, reason.Kind);
        Assert.Equal("not an operator", reason.Message);

        var panic = RevertDecoder.BuiltIn.Decode(Cast.Run("calldata", "Panic(uint256)", "0x11").HexToByteArray());
        Assert.Equal(RevertKind.Panic, panic.Kind);
        Assert.Contains("overflow", panic.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_known_custom_error_decodes_with_its_arguments_and_an_unknown_one_is_reported_by_selector()
    {
        var data = Cast.Run("calldata", "NothingToClaim(address,uint256,uint256)", AnvilAccounts.Address1, "5", "5").HexToByteArray();

        var reason = RevertDecoder.FromAbi(NothingToClaimAbi).Decode(data);
        Assert.Equal(RevertKind.Custom, reason.Kind);
        Assert.Equal("NothingToClaim", reason.Name);
        Assert.Equal(Address.Parse(AnvilAccounts.Address1), reason.Arguments[0]);
        Assert.Contains("alreadyClaimed: 5", reason.Message, StringComparison.Ordinal);

        var unknown = RevertDecoder.BuiltIn.Decode(data);
        Assert.Equal(RevertKind.Unknown, unknown.Kind);
        Assert.Contains(Cast.Run("sig", "NothingToClaim(address,uint256,uint256)"), unknown.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Truncated_revert_data_is_reported_as_malformed_not_thrown()
    {
        var data = Cast.Run("calldata", "Error(string)", "cut short").HexToByteArray()[..6];
        Assert.Equal(RevertKind.Unknown, RevertDecoder.BuiltIn.Decode(data).Kind);
    }
}
