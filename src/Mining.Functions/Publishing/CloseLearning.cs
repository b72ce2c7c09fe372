using Microsoft.DurableTask;
using Mining.Functions.Learnings;
using Mining.Functions.Logging;

namespace Mining.Functions.Publishing;

/// <summary>Records the end of a learning's journey (expired, rejected, failed) with its reason. Idempotent.</summary>
internal sealed class CloseLearning(LearningStore learnings, ILogger<CloseLearning> logger) : TaskActivity<CloseRequest, bool>
{
    public override async Task<bool> RunAsync(TaskActivityContext context, CloseRequest input)
    {
        var learning = input.Learning;
        await learnings.UpdateAsync(learning.ContributorId, learning.LearningId,
            r => r with { Status = input.Status, Reason = input.Reason }, CancellationToken.None);
        Log.Closed(logger, learning.LearningId, learning.Cid, input.Status.ToString(), input.Reason);
        return true;
    }
}
