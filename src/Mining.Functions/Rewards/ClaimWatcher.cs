using Microsoft.Extensions.Options;
using Microsoft.DurableTask;
using Mining.Functions.Options;

namespace Mining.Functions.Rewards;

/// <summary>What one pass of <see cref="ClaimWatcher"/> found: the blocks it read and the ledger entries it marked claimed.</summary>
public sealed record ClaimScan(long FromBlock, long ToBlock, int Events, int EntriesClaimed);

/// <summary>
/// The eternal singleton ("claim-watcher") that detects claims from chain events: every
/// <see cref="RewardsOptions.ClaimPollInterval"/> its <see cref="ScanClaims"/> activity reads the registry's
/// <c>Claimed</c> logs from the last processed block up to the latest block with the configured confirmations and
/// marks the covered ledger entries claimed. Each pass continues as new, so the history stays small.
/// </summary>
/// <remarks>
/// Deterministic: the cadence is a durable timer and all I/O is in the activity. A pass that fails after its retries
/// (chain or storage unreachable) is reported in the custom status and the next pass tries again from the same block.
/// </remarks>
internal sealed class ClaimWatcher(IOptions<RewardsOptions> rewards, IOptions<PublishingOptions> publishing) : TaskOrchestrator<ClaimScan, int>
{
    public const string InstanceId = "claim-watcher";

    public override async Task<int> RunAsync(TaskOrchestrationContext context, ClaimScan input)
    {
        try
        {
            var scan = await context.CallActivityAsync<ClaimScan>(nameof(ScanClaims), null, publishing.Value.ActivityOptions());
            context.SetCustomStatus(new { stage = "Watching", scan.FromBlock, scan.ToBlock, scan.Events, scan.EntriesClaimed, lastPass = context.CurrentUtcDateTime });
            input = scan;
        }
        catch (TaskFailedException e)
        {
            context.SetCustomStatus(new { stage = "Retrying", reason = e.FailureDetails.ErrorMessage, lastPass = context.CurrentUtcDateTime });
        }

        await context.CreateTimer(rewards.Value.ClaimPollInterval, CancellationToken.None);
        context.ContinueAsNew(input, preserveUnprocessedEvents: true);
        return input.EntriesClaimed;
    }
}
