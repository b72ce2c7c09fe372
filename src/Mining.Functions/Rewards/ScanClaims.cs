using System.Globalization;
using Microsoft.Extensions.Options;
using Microsoft.DurableTask;
using Mining.Functions.Chain;
using Mining.Functions.Logging;
using Mining.Functions.Options;
using Mining.Functions.Storage;
using Nethereum.RPC.Eth.DTOs;

namespace Mining.Functions.Rewards;

/// <summary>
/// One pass of <see cref="ClaimWatcher"/>: reads the registry's <c>Claimed</c> logs after the last processed block (kept
/// per chain and registry in the service state; at first the deployment block) up to the latest block that has the
/// configured confirmations, marks the ledger entries each claim covers as claimed, then stores the new last block.
/// </summary>
/// <remarks>Idempotent: the last block is stored after the entries, and marking an entry claimed twice changes nothing.</remarks>
internal sealed class ScanClaims(
    ChainService chain, RewardLedger ledger, ServiceStateStore state, IOptions<ChainOptions> chainOptions, IOptions<RewardsOptions> rewards,
    ILogger<ScanClaims> logger) : TaskActivity<object?, ClaimScan>
{
    public override async Task<ClaimScan> RunAsync(TaskActivityContext context, object? input)
    {
        var ct = CancellationToken.None;
        var ready = await chain.ReadyAsync();
        var key = string.Create(CultureInfo.InvariantCulture, $"claims-scanned-{ready.Deployment.ChainId}-{ready.Deployment.Registry}");
        var last = await state.GetAsync(key, ct) is { } stored ? ulong.Parse(stored, CultureInfo.InvariantCulture) : ready.Deployment.BlockNumber;
        var latest = (ulong)(await chain.Rpc.Eth.Blocks.GetBlockNumber.SendRequestAsync()).Value;
        var confirmed = latest + 1 < (ulong)chainOptions.Value.Confirmations ? 0 : latest + 1 - (ulong)chainOptions.Value.Confirmations;
        if (confirmed <= last)
        {
            return new ClaimScan((long)last + 1, (long)last, 0, 0);
        }

        var from = last + 1;
        var to = Math.Min(confirmed, last + (ulong)rewards.Value.ClaimScanMaxBlocks);
        var events = await ready.Registry.GetClaimedEventsAsync(new BlockParameter(from), new BlockParameter(to), ct);
        var claimed = 0;
        foreach (var claim in events)
        {
            var changed = await ledger.MarkClaimedAsync(
                claim.Account.ToString(), claim.CumulativeAmount, claim.TransactionHash.ToString(), (long)claim.BlockNumber, ct);
            claimed += changed;
            Log.ClaimDetected(logger, claim.Account.ToString(), claim.CumulativeAmount.ToString(CultureInfo.InvariantCulture),
                claim.TransactionHash.ToString(), (long)claim.BlockNumber, changed);
        }

        await state.SetAsync(key, to.ToString(CultureInfo.InvariantCulture), ct);
        return new ClaimScan((long)from, (long)to, events.Count, claimed);
    }
}
