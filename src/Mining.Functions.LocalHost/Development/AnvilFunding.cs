using System.Numerics;
using Mining.Ethereum;
using Mining.Ethereum.Rpc;
using Mining.Ethereum.Sending;
using Mining.Ethereum.Signing;
using Mining.Functions.Chain;
using Mining.Functions.Logging;
using Nethereum.RPC.Eth.DTOs;

namespace Mining.Functions.LocalHost.Development;

/// <summary>Development only: pays accounts on the local anvil chain from anvil's first account.</summary>
internal static class AnvilFunding
{
    /// <summary>anvil's first development account (public, from anvil's documented test mnemonic).</summary>
    private const int MaxAttempts = 20;

    private const string AnvilFunderKey = "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80";

    /// <summary>Sends <paramref name="account"/> 10 ETH when it holds less than 1.</summary>
    /// <remarks>
    /// anvil's first account is shared by every process on the development chain (the app, the demo, tests): when
    /// another one takes the nonce first, the balance is read again (the transfer may have landed after all) and, if it
    /// is still short, the transfer is sent once more with the chain's current nonce.
    /// </remarks>
    public static async Task FundAsync(ChainService chain, Address account, ILogger logger, CancellationToken cancellationToken)
    {
        using var funder = PrivateKeySigner.FromHex(AnvilFunderKey);
        for (var attempt = 1; ; attempt++)
        {
            if ((await chain.Rpc.Eth.GetBalance.SendRequestAsync(account.ToString(), BlockParameter.CreateLatest()).WaitAsync(cancellationToken)).Value >= BigInteger.Pow(10, 18))
            {
                return;
            }

            try
            {
                var funding = chain.ManagerFor(funder);
                var sent = await funding.SendAsync(new TransactionRequest(account, ReadOnlyMemory<byte>.Empty) { Value = 10 * BigInteger.Pow(10, 18) }, cancellationToken);
                await funding.WaitForConfirmationAsync(sent, cancellationToken: cancellationToken);
                Log.OperatorFunded(logger, account.ToString());
                return;
            }
            catch (Exception e) when (attempt < MaxAttempts && e is TransactionFailedException { Status.State: TransactionState.NonceTaken }
                or NonceTooLowException or ReplacementUnderpricedException or AlreadyKnownException)
            {
                // Several processes fund at once when a test run starts: back off with jitter so they stop colliding.
#pragma warning disable CA5394 // Jitter, not security.
                await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(100, 400) * Math.Min(attempt, 5)), cancellationToken);
#pragma warning restore CA5394
            }
        }
    }
}
