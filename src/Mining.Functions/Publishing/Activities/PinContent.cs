using Mining.Functions.Hosting;
using Mining.Durable;
using Mining.Functions.Learnings;
using Mining.Functions.Storage;
using Mining.Ipfs.Multiformats;
using Mining.Ipfs.Kubo;
using Mining.Ipfs.Pinning;

namespace Mining.Functions.Publishing.Activities;

/// <summary>
/// Pins one learning on one target. Keyed by CID, so running it again is harmless: a Kubo node re-adds the same bytes
/// (same CID), a pinning service is asked for a pin it may already hold. Pinning services get the Kubo nodes' multiaddrs
/// as origins, so they fetch the content from a node that holds it.
/// </summary>
internal sealed class PinContent(DocumentStore documents, IpfsTargets ipfs, PinOrigins origins, LearningStore learnings, ILogger<PinContent> logger)
    : TaskActivity<PinRequest, PinResult>
{
    public override async Task<PinResult> RunAsync(TaskActivityContext context, PinRequest input)
    {
        var learning = input.Learning;
        await learnings.UpdateAsync(learning.ContributorId, learning.LearningId, r => r with { Status = LearningStatus.Pinning }, CancellationToken.None);
        var cid = Cid.Parse(learning.Cid);
        PinResult result;
        if (ipfs.Node(input.Target) is { } node)
        {
            var bytes = await documents.ReadDocumentAsync(learning.Cid, CancellationToken.None)
                ?? throw new InvalidOperationException($"The stored document for CID {learning.Cid} is missing.");
            using var stream = new MemoryStream(bytes, writable: false);
            var added = await node.AddAsync(stream, new KuboAddOptions { CidVersion = 1, RawLeaves = true, Pin = true }, CancellationToken.None);
            if (!added.Cid.SameContentAs(cid))
            {
                throw new InvalidOperationException($"{input.Target} stored the document as {added.Cid}, expected {cid}.");
            }

            result = new PinResult(input.Target, true, "pinned over the Kubo RPC API");
        }
        else if (ipfs.Service(input.Target) is { } service)
        {
            var status = await service.PinAsync(new Pin(cid, learning.LearningId, await origins.GetAsync()), CancellationToken.None);
            result = new PinResult(input.Target, true, $"pinning service request {status.RequestId}: {status.Status}");
        }
        else
        {
            throw new InvalidOperationException($"Pin target {input.Target} is not configured.");
        }

        await learnings.UpdateAsync(learning.ContributorId, learning.LearningId,
            r => r with { Pins = [.. r.Pins.Where(p => p.Target != result.Target), result] }, CancellationToken.None);
        Log.Pinned(logger, learning.LearningId, learning.Cid, input.Target);
        return result;
    }
}
