using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Mining.Functions.Storage;

namespace Mining.Functions.Anchoring;

/// <summary>Starts the <see cref="AnchorBatch"/> instance of a closed batch (instance id = batch id; starting twice is a no-op).</summary>
internal sealed class StartAnchorBatch(DurableTaskClient durable) : TaskActivity<BatchStart, string>
{
    public override async Task<string> RunAsync(TaskActivityContext context, BatchStart input)
    {
        await durable.StartIfAbsentAsync(nameof(AnchorBatch), input.BatchId, input);
        return input.BatchId;
    }
}
