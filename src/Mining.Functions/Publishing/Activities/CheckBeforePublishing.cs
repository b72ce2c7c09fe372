using Mining.Core.Preparation;
using Mining.Core.Privacy;
using Microsoft.DurableTask;
using Mining.Functions.Storage;

namespace Mining.Functions.Publishing.Activities;

/// <summary>
/// The last gate before anything leaves the service: the contributor's controls (while they hold the learning nothing
/// else is done), then the stored bytes must still hash to the approved CID and pass the privacy scan again. Returns
/// the publishing plan; throws <see cref="PublishRefusedException"/> when the bytes are refused.
/// </summary>
internal sealed class CheckBeforePublishing(DocumentStore documents, ICidCalculator cids, PrivacyScanner scanner, IpfsTargets ipfs, PublishControls controls)
    : TaskActivity<LearningRef, PublishPlan>
{
    public override async Task<PublishPlan> RunAsync(TaskActivityContext context, LearningRef input)
    {
        var verdict = await controls.ReadAsync(input.ContributorId);
        if (verdict.Holds)
        {
            return new PublishPlan([], [], 0, verdict);
        }

        var bytes = await documents.ReadRecentDocumentAsync(input.Cid, CancellationToken.None)
            ?? throw new PublishRefusedException($"The stored document for CID {input.Cid} is missing; nothing was published.");
        var actual = cids.ComputeCid(bytes);
        if (actual != input.Cid)
        {
            throw new PublishRefusedException($"The stored bytes hash to {actual}, not the approved {input.Cid}; nothing was published.");
        }

        var scan = scanner.ScanDocument(bytes);
        if (!scan.IsClean)
        {
            throw new PublishRefusedException(
                "The re-scan before pinning found " + string.Join(", ", scan.Findings.Select(f => $"{f.RuleId} at {f.Path}")) + "; nothing was published.");
        }

        return new PublishPlan(ipfs.PinTargets, ipfs.Gateways, ipfs.Quorum, verdict);
    }
}

/// <summary>A check before publishing refused the document; retrying cannot change that.</summary>
public sealed class PublishRefusedException(string message) : Exception(message);
