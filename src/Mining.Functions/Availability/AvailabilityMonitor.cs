using Microsoft.Extensions.Options;
using Microsoft.DurableTask;
using Mining.Functions.Learnings;
using Mining.Functions.Options;
using Mining.Ipfs.Multiformats;

namespace Mining.Functions.Availability;

/// <summary>Where a round of the availability monitor stands, carried across <c>ContinueAsNew</c>.</summary>
/// <param name="Continuation">The next page of published learnings; null at the start of a round.</param>
/// <param name="StartedAt">When the round began; null before it has.</param>
/// <param name="Checked">Learnings checked so far in the round.</param>
/// <param name="BelowQuorum">Of those, still below the gateway quorum after re-pinning.</param>
/// <param name="Failed">Checks that failed after their retries (tried again next round).</param>
public sealed record AvailabilityRound(string? Continuation, DateTime? StartedAt, int Checked, int BelowQuorum, int Failed)
{
    public static AvailabilityRound First { get; } = new(null, null, 0, 0, 0);
}

/// <summary>One page of published learnings to check.</summary>
public sealed record PublishedPageRequest(string? Continuation, int PageSize);

/// <summary>The learnings of one page and the continuation of the next (null after the last).</summary>
public sealed record PublishedPage(IReadOnlyList<LearningRef> Learnings, string? Continuation);

/// <summary>What one check found: the state after it and how many gateways served matching bytes.</summary>
public sealed record AvailabilityCheckResult(string LearningId, Cid Cid, AvailabilityState State, int VerifiedGateways);

/// <summary>
/// The eternal singleton that keeps published content available: each round lists the published learnings page by
/// page (<see cref="ListPublishedLearnings"/>), checks each CID on every gateway in bounded parallel batches
/// (<see cref="CheckAvailability"/>: below quorum, it re-pins from the stored document and alerts the operator once
/// per incident), then sleeps <see cref="AvailabilityOptions.CheckInterval"/> on a durable timer and starts over.
/// </summary>
/// <remarks>
/// Deterministic: time comes from the context, I/O happens only in activities. Every page is its own episode
/// (<c>ContinueAsNew</c>), so the history stays small however many learnings there are. A check that fails after its
/// retries is counted and tried again next round; the monitor itself never fails on one learning.
/// </remarks>
internal sealed class AvailabilityMonitor(IOptions<AvailabilityOptions> options, IOptions<PublishingOptions> publishing)
    : TaskOrchestrator<AvailabilityRound, int>
{
    public const string InstanceId = "availability-monitor";
    public const int PageSize = 64;

    public override async Task<int> RunAsync(TaskOrchestrationContext context, AvailabilityRound input)
    {
        var settings = options.Value;
        var retry = publishing.Value.ActivityOptions();
        var round = input ?? AvailabilityRound.First;
        round = round with { StartedAt = round.StartedAt ?? context.CurrentUtcDateTime };
        context.SetCustomStatus(new { stage = "Checking", round.StartedAt, round.Checked, round.BelowQuorum, round.Failed });

        var page = await context.CallActivityAsync<PublishedPage>(
            nameof(ListPublishedLearnings), new PublishedPageRequest(round.Continuation, PageSize), retry);
        foreach (var batch in page.Learnings.Chunk(settings.MaxParallelChecks))
        {
            var results = await Task.WhenAll(batch.Select(l => CheckAsync(context, l, retry)));
            round = round with
            {
                Checked = round.Checked + results.Count(r => r is not null),
                BelowQuorum = round.BelowQuorum + results.Count(r => r is { State: AvailabilityState.Lost }),
                Failed = round.Failed + results.Count(r => r is null),
            };
        }

        if (page.Continuation is not null)
        {
            context.ContinueAsNew(round with { Continuation = page.Continuation });
            return round.Checked;
        }

        var next = context.CurrentUtcDateTime + settings.CheckInterval;
        context.SetCustomStatus(new
        {
            stage = "Waiting",
            lastRound = new { round.StartedAt, finishedAt = context.CurrentUtcDateTime, round.Checked, round.BelowQuorum, round.Failed },
            nextRoundAt = next,
        });
        await context.CreateTimer(next, CancellationToken.None);
        context.ContinueAsNew(AvailabilityRound.First);
        return round.Checked;
    }

    private static async Task<AvailabilityCheckResult?> CheckAsync(TaskOrchestrationContext context, LearningRef learning, TaskOptions retry)
    {
        try
        {
            return await context.CallActivityAsync<AvailabilityCheckResult>(nameof(CheckAvailability), learning, retry);
        }
        catch (TaskFailedException)
        {
            return null;
        }
    }
}
