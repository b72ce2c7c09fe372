using Microsoft.DurableTask;
using Mining.Functions.Learnings;
using Mining.Functions.Logging;
using Mining.Functions.Operations;
using Mining.Functions.Pinning;
using Mining.Functions.Storage;
using Mining.Ipfs.Gateways;
using Mining.Ipfs.Kubo;
using Mining.Ipfs.Multiformats;
using Mining.Ipfs.Pinning;
using Mining.Ipfs.Resilience;

namespace Mining.Functions.Availability;

/// <summary>
/// Checks one published CID on every gateway (the publishing quorum, <c>Ipfs:GatewayQuorum</c>). Below the quorum it
/// records the incident, alerts the operator once per incident, re-pins the stored document on every Kubo node and
/// asks every pinning service again, then (if any target took it) checks once more. The result is written to the learning's
/// <see cref="LearningRecord.Availability"/>.
/// </summary>
/// <remarks>
/// Idempotent: the incident is stored before the alert is sent and the alert is keyed by CID and incident number
/// (<c>availability:{cid}:{n}</c>), so a retry or a later check of the same loss never alerts again, while a new loss
/// after the CID was available again is a new incident. Re-adding the same bytes yields the same CID, and a failed
/// re-pin is recorded, not thrown: the next round tries again.
/// </remarks>
internal sealed class CheckAvailability(
    IpfsTargets ipfs, DocumentStore documents, LearningStore learnings, OperatorAlerts alerts, TimeProvider time, ILogger<CheckAvailability> logger)
    : TaskActivity<LearningRef, AvailabilityCheckResult>
{
    public override async Task<AvailabilityCheckResult> RunAsync(TaskActivityContext context, LearningRef input)
    {
        var cid = input.Cid;
        var verdict = await ipfs.Verifier.VerifyAsync(cid, CancellationToken.None);
        if (verdict.QuorumReached)
        {
            // A CID that was lost and is served again recovered through this incident's re-pin, even when the pinning
            // service finished fetching only after the check that asked it: that counts as re-pinned, once.
            await RecordAsync(input, prior => prior?.State == AvailabilityState.Lost
                ? Checked(verdict, AvailabilityState.Repinned, prior) with { RepinnedAt = time.GetUtcNow() }
                : Checked(verdict, AvailabilityState.Available, prior) with { Detail = null });
            Log.AvailabilityVerified(logger, input.LearningId, input.Cid, verdict.VerifiedCount, verdict.Gateways.Count);
            return new AvailabilityCheckResult(input.LearningId, input.Cid, AvailabilityState.Available, verdict.VerifiedCount);
        }

        var lost = await RecordAsync(input, prior => prior?.State == AvailabilityState.Lost
            ? Checked(verdict, AvailabilityState.Lost, prior)
            : Checked(verdict, AvailabilityState.Lost, prior) with { LostSince = time.GetUtcNow(), Incidents = (prior?.Incidents ?? 0) + 1 });
        var incident = lost.Incidents;
        Log.AvailabilityLost(logger, input.LearningId, input.Cid, incident, verdict.Summary);
        await alerts.SendOnceAsync(
            new OperatorAlert(
                $"availability:{input.Cid}:{incident}",
                $"CID {input.Cid} lost its gateway quorum (learning {input.LearningId})",
                $"The published CID {input.Cid} of learning {input.LearningId} (contributor {input.ContributorId}) is no longer "
                + $"served by enough gateways: {verdict.Summary}\n\nThe availability monitor re-pins it from the stored document on "
                + "every pin target and checks it again every round; GET /api/learnings/{id} shows its availability. "
                + $"This is incident {incident} of this CID; it is reported once."),
            CancellationToken.None);

        var (repinned, detail) = await RepinAsync(input, cid);
        var after = repinned > 0 ? await ipfs.Verifier.VerifyAsync(cid, CancellationToken.None) : verdict;
        var state = after.QuorumReached ? AvailabilityState.Repinned : AvailabilityState.Lost;
        await RecordAsync(input, prior => Checked(after, state, prior) with
        {
            RepinnedAt = after.QuorumReached ? time.GetUtcNow() : prior?.RepinnedAt,
            Detail = detail,
        });
        Log.AvailabilityRepinned(logger, input.LearningId, input.Cid, state.ToString(), after.VerifiedCount, after.Required, detail);
        return new AvailabilityCheckResult(input.LearningId, input.Cid, state, after.VerifiedCount);
    }

    /// <summary>The new availability from a verdict, keeping the incident history of <paramref name="prior"/>.</summary>
    private AvailabilityInfo Checked(GatewayQuorumResult verdict, AvailabilityState state, AvailabilityInfo? prior) => new(
        state,
        time.GetUtcNow(),
        verdict.VerifiedCount,
        verdict.Required,
        [.. verdict.Gateways.Select(g => new GatewayResult(g.Gateway.ToString(), g.Outcome.ToString(), g.Latency.TotalMilliseconds, g.Reason))],
        prior?.LostSince,
        prior?.RepinnedAt,
        prior?.Incidents ?? 0,
        prior?.Detail);

    private async Task<AvailabilityInfo> RecordAsync(LearningRef learning, Func<AvailabilityInfo?, AvailabilityInfo> change)
    {
        var updated = await learnings.UpdateAsync(
            learning.ContributorId, learning.LearningId, r => r with { Availability = change(r.Availability) }, CancellationToken.None);
        return updated.Availability!;
    }

    /// <summary>
    /// Re-adds the stored document on every Kubo node and asks every pinning service again; returns on how many targets
    /// that succeeded and what happened on each.
    /// </summary>
    private async Task<(int Repinned, string Detail)> RepinAsync(LearningRef learning, Cid cid)
    {
        var bytes = await documents.ReadDocumentAsync(learning.Cid, CancellationToken.None);
        if (bytes is null)
        {
            return (0, $"The stored document of {learning.Cid} is missing, so it cannot be re-pinned.");
        }

        var outcomes = new List<string>();
        var repinned = 0;
        foreach (var target in ipfs.PinTargets)
        {
            try
            {
                outcomes.Add($"{target}: {await RepinOnAsync(target, learning, cid, bytes)}");
                repinned++;
            }
            catch (Exception e) when (e is KuboApiException or PinningServiceException or IpfsEndpointUnavailableException
                or HttpRequestException or InvalidOperationException)
            {
                outcomes.Add($"{target}: re-pinning failed: {e.Message}");
            }
        }

        return (repinned, string.Join("; ", outcomes));
    }

    private async Task<string> RepinOnAsync(string target, LearningRef learning, Cid cid, byte[] bytes)
    {
        if (ipfs.Node(target) is { } node)
        {
            using var stream = new MemoryStream(bytes, writable: false);
            var added = await node.AddAsync(stream, new KuboAddOptions { CidVersion = 1, RawLeaves = true, Pin = true }, CancellationToken.None);
            return added.Cid.SameContentAs(cid)
                ? "re-added from the stored document and pinned"
                : throw new InvalidOperationException($"the node stored the document as {added.Cid}, expected {cid}");
        }

        var service = ipfs.Service(target) ?? throw new InvalidOperationException($"pin target {target} is not configured");
        var pin = new Pin(cid, learning.LearningId);
        var existing = await service.ListAsync(
            new PinListQuery { Cids = [cid], Statuses = [PinningStatus.Queued, PinningStatus.Pinning, PinningStatus.Pinned, PinningStatus.Failed] },
            CancellationToken.None);
        var status = existing.Results.Count > 0
            ? await service.ReplaceAsync(existing.Results[0].RequestId, pin, CancellationToken.None)
            : await service.AddAsync(pin, CancellationToken.None);
        return $"pin requested again (request {status.RequestId}: {status.Status})";
    }
}
