using System.Numerics;
using Mining.Ethereum;
using Mining.Functions.Chain;

namespace Mining.Functions.Tests.Chain;

public sealed class FundsShortfallTests
{
    private static readonly Address Operator = Address.Parse("0x70997970C51812dc3A010C7d01b50e0d17dc79C8");

    [Theory]
    [InlineData("0", "0")]
    [InlineData("1", "0.000000000000000001")]
    [InlineData("1500000000000000000", "1.5")]
    [InlineData("12000000000000000000", "12")]
    public void Wei_reads_as_ether_without_trailing_zeros(string wei, string ether) =>
        Assert.Equal(ether, FundsShortfall.Ether(BigInteger.Parse(wei, System.Globalization.CultureInfo.InvariantCulture)));

    [Fact]
    public void The_alert_is_keyed_by_chain_and_batch_and_tells_the_operator_what_to_send_where()
    {
        var shortfall = new FundsShortfall(31401, Operator, 1000, 2_000_000_000_000_000);

        var alert = shortfall.Alert("batch-7", TimeSpan.FromMinutes(1));

        Assert.Equal("funds:31401:batch-7", alert.Key);
        Assert.Contains("batch-7", alert.Subject, StringComparison.Ordinal);
        Assert.Contains(Operator.ToString(), alert.Body, StringComparison.Ordinal);
        Assert.Contains("Balance:           1000 wei", alert.Body, StringComparison.Ordinal);
        Assert.Contains("Needed:            2000000000000000 wei (0.002 ETH)", alert.Body, StringComparison.Ordinal);
        Assert.Contains("Missing:           1999999999999000 wei (0.001999999999999 ETH)", alert.Body, StringComparison.Ordinal);
        Assert.Contains("every 00:01:00", alert.Body, StringComparison.Ordinal);
        Assert.StartsWith(FundsShortfall.WaitPrefix("batch-7"), shortfall.Describe("batch-7"), StringComparison.Ordinal);
    }

    [Fact]
    public void Nothing_is_missing_when_the_balance_covers_the_cost() =>
        Assert.Equal(BigInteger.Zero, new FundsShortfall(1, Operator, 10, 5).Missing);
}
