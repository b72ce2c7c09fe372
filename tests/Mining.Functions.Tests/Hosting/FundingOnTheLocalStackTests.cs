using System.Numerics;
using Mining.Ethereum.Signing;
using Microsoft.Extensions.Logging.Abstractions;
using Mining.Functions.Chain;
using Mining.Functions.LocalHost.Development;
using Mining.Functions.Tests.Publishing;
using Mining.Testing;
using Nethereum.RPC.Eth.DTOs;

namespace Mining.Functions.Tests.Hosting;

/// <summary>Development funding from anvil's shared first account survives other processes taking its nonces.</summary>
[Collection("DevStack")]
public sealed class FundingOnTheLocalStackTests(DevStackFixture stack, LocalStackApp app) : IClassFixture<LocalStackApp>
{
    [Fact]
    public async Task Concurrent_fundings_from_the_shared_development_account_all_arrive()
    {
        Assert.NotNull(stack.Endpoints.AnvilRpcUrl);
        var chain = app.Service<ChainService>();
        var accounts = Enumerable.Range(0, 6).Select(_ =>
        {
            using var wallet = PrivateKeySigner.CreateRandom();
            return wallet.Address;
        }).ToList();

        await Task.WhenAll(accounts.Select(a => AnvilFunding.FundAsync(chain, a, NullLogger.Instance, CancellationToken.None)));

        foreach (var account in accounts)
        {
            Assert.Equal(10 * BigInteger.Pow(10, 18), (await chain.Rpc.Eth.GetBalance.SendRequestAsync(account.ToString(), BlockParameter.CreateLatest())).Value);
        }
    }
}
