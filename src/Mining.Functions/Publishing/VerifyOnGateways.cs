using Microsoft.DurableTask;
using Mining.Functions.Learnings;
using Mining.Functions.Logging;
using Mining.Functions.Pinning;
using Mining.Ipfs.Gateways;

namespace Mining.Functions.Publishing;

/// <summary>What verifying found, and what the controls say about the next step (anchoring).</summary>
public sealed record VerifyOutcome(ControlsVerdict Controls, IReadOnlyList<GatewayResult> Results);

/// <summary>
/// Fetches the learning from every gateway in parallel and hashes what each serves (nothing leaves the service: the
/// gateways serve what pinning published), and records the results (status Verifying). Too few verified answers while
/// some gateway is unavailable fails the attempt (so it is retried: the content may still be on its way); verified or
/// tampered answers are final. Then the contributor's controls are read: they decide whether the learning may go on to
/// anchoring (while paused, verifying runs again after the resume).
/// </summary>
internal sealed class VerifyOnGateways(IpfsTargets ipfs, LearningStore learnings, PublishControls controls, ILogger<VerifyOnGateways> logger)
    : TaskActivity<VerifyRequest, VerifyOutcome>
{
    public override async Task<VerifyOutcome> RunAsync(TaskActivityContext context, VerifyRequest input)
    {
        var learning = input.Learning;
        var cid = learning.Cid;
        var results = await Task.WhenAll(input.Gateways.Select(async gateway =>
        {
            var check = await PipelineTelemetry.VerifyAsync(
                learning.LearningId, learning.Cid, new Uri(gateway), () => ipfs.Verifier.VerifyOnAsync(new Uri(gateway), cid, CancellationToken.None));
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

        if (QuorumMissed(results, input.Quorum) is { } missed && results.Any(r => r.Outcome == GatewayOutcomes.Unavailable))
        {
            throw new GatewayUnavailableException(missed);
        }

        return new VerifyOutcome(await controls.ReadAsync(learning.ContributorId), results);
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
}

/// <summary>Too few gateways served the content (yet); the attempt is retried.</summary>
public sealed class GatewayUnavailableException(string message) : Exception(message);
