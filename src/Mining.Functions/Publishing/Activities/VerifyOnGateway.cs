using Mining.Functions.Hosting;
using Mining.Durable;
using Mining.Functions.Learnings;
using Mining.Ipfs.Multiformats;
using Mining.Ipfs.Gateways;

namespace Mining.Functions.Publishing.Activities;

/// <summary>
/// Fetches the learning from one gateway and hashes what it serves. A gateway that is unavailable fails the attempt
/// (so it is retried); a verified or tampered answer is final and recorded.
/// </summary>
internal sealed class VerifyOnGateway(IpfsTargets ipfs, LearningStore learnings, ILogger<VerifyOnGateway> logger)
    : TaskActivity<VerifyRequest, GatewayResult>
{
    public override async Task<GatewayResult> RunAsync(TaskActivityContext context, VerifyRequest input)
    {
        var learning = input.Learning;
        await learnings.UpdateAsync(learning.ContributorId, learning.LearningId, r => r with { Status = LearningStatus.Verifying }, CancellationToken.None);
        var check = await ipfs.Verifier.VerifyOnAsync(new Uri(input.Gateway), Cid.Parse(learning.Cid), CancellationToken.None);
        var result = new GatewayResult(input.Gateway, check.Outcome.ToString(), check.Latency.TotalMilliseconds, check.Reason);
        await learnings.UpdateAsync(learning.ContributorId, learning.LearningId,
            r => r with { Gateways = [.. r.Gateways.Where(g => g.Gateway != result.Gateway), result] }, CancellationToken.None);
        if (check.Outcome == GatewayOutcome.Unavailable)
        {
            throw new GatewayUnavailableException($"Gateway {input.Gateway} did not serve {learning.Cid}: {check.Reason}");
        }

        Log.GatewayAnswered(logger, input.Gateway, check.Outcome.ToString(), learning.LearningId, learning.Cid);
        return result;
    }
}

/// <summary>A gateway did not answer with the content (yet); the attempt is retried.</summary>
public sealed class GatewayUnavailableException(string message) : Exception(message);
