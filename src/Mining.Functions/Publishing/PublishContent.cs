using Mining.Core.Preparation;
using Mining.Core.Privacy;
using Microsoft.DurableTask;
using Mining.Functions.Learnings;
using Mining.Functions.Storage;
using Mining.Ipfs.Gateways;
using Mining.Ipfs.Kubo;
using Mining.Ipfs.Pinning;
using Mining.Functions.Logging;
using Mining.Functions.Pinning;
using Mining.Functions.Anchoring;
using Mining.Functions.DeadLetters;

namespace Mining.Functions.Publishing;

/// <summary>
/// What publishing did: nothing while the controls held the learning before pinning; else each target's pin, each
/// gateway's answer and how many had to agree, and what the controls said after verifying (whether it was handed over).
/// </summary>
public sealed record PublishOutcome(ControlsVerdict Controls, IReadOnlyList<PinResult> Pins, IReadOnlyList<GatewayResult> Gateways, int Quorum);

/// <summary>
/// The last gate before anything leaves the service, the first step out, and the check that it arrived: one activity,
/// because each activity call costs the engine a round trip through its queues and history.
/// <list type="number">
/// <item>The contributor's controls come first: while they hold the learning nothing else is done.</item>
/// <item>The stored bytes must still hash to the approved CID and pass the privacy scan again
/// (<see cref="PublishRefusedException"/> otherwise).</item>
/// <item>The learning is pinned on every configured target it is not pinned on yet. The Kubo nodes come first, in
/// parallel: pinning services fetch the content from them (their multiaddrs are the pin's origins), so asking a service
/// while no node holds the content only makes it wait for its own timeout. The record shows Pinning with the pins (the
/// pins that succeeded are recorded even when another target failed; the failure then fails the attempt).</item>
/// <item>Every gateway is asked for the content in parallel and what it serves is hashed (nothing leaves the service: the
/// gateways serve what pinning published); the record shows Verifying with the answers. Too few verified answers while
/// some gateway is unavailable fails the attempt (<see cref="GatewayUnavailableException"/>: the content may still be on
/// its way); verified or tampered answers are final.</item>
/// <item>The controls are read again: a verified learning they let go on is handed over to anchoring, added to the
/// <see cref="AnchorQueue"/>, where the collector finds it.</item>
/// </list>
/// Keyed by CID, so running it again is harmless: a node re-adds the same bytes, a service is asked for a pin it may
/// hold, the queue keeps one row per learning.
/// </summary>
internal sealed class PublishContent(
    DocumentStore documents, PrivacyScanner scanner, IpfsTargets ipfs, PinOrigins origins, LearningStore learnings,
    PublishControls controls, AnchorQueue queue, TimeProvider time, ILogger<PublishContent> logger)
    : TaskActivity<PinRequest, PublishOutcome>
{
    public override async Task<PublishOutcome> RunAsync(TaskActivityContext context, PinRequest input)
    {
        var learning = input.Learning;
        var before = await controls.ReadAsync(learning.ContributorId);
        if (before.Holds)
        {
            return new PublishOutcome(before, [], [], 0);
        }

        var pins = await PinAsync(learning, input.AlreadyPinned);
        var gateways = await VerifyAsync(learning);
        var after = await controls.ReadAsync(learning.ContributorId);
        if (QuorumMissed(gateways, ipfs.Quorum) is null && !after.Holds)
        {
            await queue.AddAsync(new ReadyForAnchor(learning.LearningId, learning.ContributorId, learning.Cid, time.GetUtcNow().UtcDateTime), CancellationToken.None);
        }

        return new PublishOutcome(after, pins, gateways, ipfs.Quorum);
    }

    /// <summary>Why <paramref name="results"/> fall short of <paramref name="quorum"/> verified answers, or null when they do not.</summary>
    public static string? QuorumMissed(IReadOnlyList<GatewayResult> results, int quorum)
    {
        var verified = results.Count(c => c.Outcome == GatewayOutcomes.Verified);
        return verified >= quorum
            ? null
            : $"Only {verified} of {results.Count} gateways served matching bytes; {quorum} are needed. "
                + string.Join("; ", results.Where(c => c.Outcome != GatewayOutcomes.Verified).Select(c => $"{c.Gateway}: {c.Outcome} {c.Reason}"));
    }

    private async Task<IReadOnlyList<PinResult>> PinAsync(LearningRef learning, IReadOnlyList<string> alreadyPinned)
    {
        var bytes = await CheckedBytesAsync(learning);
        var results = new List<PinResult>();
        var failures = new List<string>();
        var targets = ipfs.PinTargets.Except(alreadyPinned, StringComparer.Ordinal).ToList();
        foreach (var wave in targets.GroupBy(t => ipfs.Node(t) is null).OrderBy(g => g.Key))
        {
            var pins = await Task.WhenAll(wave.Select(async target =>
            {
                try
                {
                    return ((PinResult?)await PipelineTelemetry.PinAsync(learning.LearningId, learning.Cid, target, () => PinOnAsync(learning, bytes, target)), (string?)null);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    return ((PinResult?)null, (string?)$"{target}: {e.Message}");
                }
            }));
            results.AddRange(pins.Select(p => p.Item1).OfType<PinResult>());
            failures.AddRange(pins.Select(p => p.Item2).OfType<string>());
            if (failures.Count > 0)
            {
                break; // A service would fetch from the nodes that failed: wait for the retry.
            }
        }

        if (targets.Count > 0)
        {
            await learnings.UpdateAsync(learning.ContributorId, learning.LearningId, r => r with
            {
                Status = LearningStatus.Pinning,
                Pins = [.. r.Pins.Where(p => results.All(n => n.Target != p.Target)), .. results],
            }, CancellationToken.None);
        }

        return failures.Count == 0 ? results : throw new InvalidOperationException("Pinning failed on " + string.Join("; ", failures));
    }

    /// <summary>Asks every gateway for the learning and records their answers; too few verified while one is unavailable throws.</summary>
    private async Task<IReadOnlyList<GatewayResult>> VerifyAsync(LearningRef learning)
    {
        var results = await Task.WhenAll(ipfs.Gateways.Select(async gateway =>
        {
            var check = await PipelineTelemetry.VerifyAsync(
                learning.LearningId, learning.Cid, new Uri(gateway), () => ipfs.Verifier.VerifyOnAsync(new Uri(gateway), learning.Cid, CancellationToken.None));
            if (check.Outcome != GatewayOutcome.Unavailable)
            {
                Log.GatewayAnswered(logger, gateway, check.Outcome.ToString(), learning.LearningId, learning.Cid);
            }

            return new GatewayResult(gateway, check.Outcome.ToString(), check.Latency.TotalMilliseconds, check.Reason);
        }));
        await learnings.UpdateAsync(learning.ContributorId, learning.LearningId, r => r with
        {
            Status = LearningStatus.Verifying,
            Gateways = [.. r.Gateways.Where(g => results.All(n => n.Gateway != g.Gateway)), .. results],
        }, CancellationToken.None);

        return QuorumMissed(results, ipfs.Quorum) is { } missed && results.Any(r => r.Outcome == GatewayOutcomes.Unavailable)
            ? throw new GatewayUnavailableException(missed)
            : results;
    }

    /// <summary>The stored bytes, still those of the approved CID and still clean, or <see cref="PublishRefusedException"/>.</summary>
    private async Task<byte[]> CheckedBytesAsync(LearningRef learning)
    {
        var bytes = await documents.ReadRecentDocumentAsync(learning.Cid, CancellationToken.None)
            ?? throw new PublishRefusedException($"The stored document for CID {learning.Cid} is missing; nothing was published.");
        var actual = ContentPreparer.ComputeCid(bytes);
        if (actual != learning.Cid)
        {
            throw new PublishRefusedException($"The stored bytes hash to {actual}, not the approved {learning.Cid}; nothing was published.");
        }

        var scan = scanner.ScanDocument(bytes);
        return scan.IsClean
            ? bytes
            : throw new PublishRefusedException(
                "The re-scan before pinning found " + string.Join(", ", scan.Findings.Select(f => $"{f.RuleId} at {f.Path}")) + "; nothing was published.");
    }

    private async Task<PinResult> PinOnAsync(LearningRef learning, byte[] bytes, string target)
    {
        PinResult result;
        if (ipfs.Node(target) is { } node)
        {
            using var stream = new MemoryStream(bytes, writable: false);
            var added = await node.AddAsync(stream, new KuboAddOptions { CidVersion = 1, RawLeaves = true, Pin = true }, CancellationToken.None);
            if (!added.Cid.SameContentAs(learning.Cid))
            {
                throw new InvalidOperationException($"{target} stored the document as {added.Cid}, expected {learning.Cid}.");
            }

            result = new PinResult(target, true, "pinned over the Kubo RPC API");
        }
        else if (ipfs.Service(target) is { } service)
        {
            var status = await service.PinAsync(new Pin(learning.Cid, learning.LearningId, await origins.GetAsync()), CancellationToken.None);
            result = new PinResult(target, true, $"pinning service request {status.RequestId}: {status.Status}");
        }
        else
        {
            throw new InvalidOperationException($"Pin target {target} is not configured.");
        }

        Log.Pinned(logger, learning.LearningId, learning.Cid, target);
        return result;
    }
}

/// <summary>Too few gateways served the content (yet); the attempt is retried.</summary>
public sealed class GatewayUnavailableException(string message) : Exception(message);
