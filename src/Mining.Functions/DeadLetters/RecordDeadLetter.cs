using Microsoft.DurableTask;

namespace Mining.Functions.DeadLetters;

/// <summary>
/// Records a step that failed after its retries as a dead letter: the record (created, or opened again for a failed
/// replay), its learnings DeadLettered, one operator alert per record and generation. Idempotent.
/// </summary>
internal sealed class RecordDeadLetter(DeadLetterService deadLetters) : TaskActivity<DeadLetterFailure, string>
{
    public override async Task<string> RunAsync(TaskActivityContext context, DeadLetterFailure input) =>
        (await deadLetters.RecordAsync(input, CancellationToken.None)).Id;
}
