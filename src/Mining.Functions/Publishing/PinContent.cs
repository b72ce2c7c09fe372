using Mining.Core.Preparation;
using Mining.Core.Privacy;
using Microsoft.DurableTask;
using Mining.Functions.DeadLetters;
using Mining.Functions.Learnings;
using Mining.Functions.Logging;
using Mining.Functions.Pinning;
using Mining.Functions.Storage;
using Mining.Ipfs.Multiformats;
using Mining.Ipfs.Kubo;
using Mining.Ipfs.Pinning;

namespace Mining.Functions.Publishing;

/// <summary>
/// What pinning did: nothing while the controls hold the learning, else each target's pin, and the rest of the plan
/// fixed with it (the gateways to verify on and how many must agree).
/// </summary>
public sealed record PinOutcome(ControlsVerdict Controls, IReadOnlyList<PinResult> Pins, IReadOnlyList<string> Gateways, int Quorum);

/// <summary>
/// The last gate before anything leaves the service, and the first step out. The contributor's controls come first
/// (while they hold the learning nothing else is done); then the stored bytes must still hash to the approved CID and
/// pass the privacy scan again (<see cref="PublishRefusedException"/> otherwise); then the learning is pinned on every
/// configured target it is not pinned on yet. The Kubo nodes come first, in parallel: pinning services fetch the
/// content from them (their multiaddrs are the pin's origins), so asking a service while no node holds the content
/// only makes it wait for its own timeout. Keyed by CID, so running it again is harmless: a node re-adds the same
/// bytes, a service is asked for a pin it may hold. The record shows Pinning with the pins once they are made (one
/// write); the pins that succeeded are recorded even when another target failed, the failure then fails the attempt,
/// and the retry asks every target again.
/// </summary>
/// <remarks>One activity for the check and the pins: each activity call costs the engine a round trip through its queues and history.</remarks>
internal sealed class PinContent(
    DocumentStore documents, PrivacyScanner scanner, IpfsTargets ipfs, PinOrigins origins, LearningStore learnings,
    PublishControls controls, ILogger<PinContent> logger)
    : TaskActivity<PinRequest, PinOutcome>
{
    public override async Task<PinOutcome> RunAsync(TaskActivityContext context, PinRequest input)
    {
        var learning = input.Learning;
        var verdict = await controls.ReadAsync(learning.ContributorId);
        if (verdict.Holds)
        {
            return new PinOutcome(verdict, [], [], 0);
        }

        var bytes = await CheckedBytesAsync(learning);
        var cid = learning.Cid;
        var results = new List<PinResult>();
        var failures = new List<string>();
        var targets = ipfs.PinTargets.Except(input.AlreadyPinned, StringComparer.Ordinal).ToList();
        foreach (var wave in targets.GroupBy(t => ipfs.Node(t) is null).OrderBy(g => g.Key))
        {
            var pins = await Task.WhenAll(wave.Select(async target =>
            {
                try
                {
                    return ((PinResult?)await PipelineTelemetry.PinAsync(learning.LearningId, learning.Cid, target, () => PinAsync(learning, cid, bytes, target)), (string?)null);
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

        return failures.Count == 0
            ? new PinOutcome(verdict, results, ipfs.Gateways, ipfs.Quorum)
            : throw new InvalidOperationException("Pinning failed on " + string.Join("; ", failures));
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

    private async Task<PinResult> PinAsync(LearningRef learning, Cid cid, byte[] bytes, string target)
    {
        PinResult result;
        if (ipfs.Node(target) is { } node)
        {
            using var stream = new MemoryStream(bytes, writable: false);
            var added = await node.AddAsync(stream, new KuboAddOptions { CidVersion = 1, RawLeaves = true, Pin = true }, CancellationToken.None);
            if (!added.Cid.SameContentAs(cid))
            {
                throw new InvalidOperationException($"{target} stored the document as {added.Cid}, expected {cid}.");
            }

            result = new PinResult(target, true, "pinned over the Kubo RPC API");
        }
        else if (ipfs.Service(target) is { } service)
        {
            var status = await service.PinAsync(new Pin(cid, learning.LearningId, await origins.GetAsync()), CancellationToken.None);
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
