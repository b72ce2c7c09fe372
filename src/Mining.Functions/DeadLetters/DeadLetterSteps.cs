using Microsoft.DurableTask;

namespace Mining.Functions.DeadLetters;

/// <summary>
/// Runs an orchestration's steps so that a step failing after its retries becomes a dead letter instead of the end:
/// the failure is recorded (<see cref="RecordDeadLetter"/>), then the orchestration waits for the operator — "Replay"
/// (payload: the dead letter's new generation) runs the same step again, "Discard" gives it up. A replay of a
/// generation already seen (the operator asked twice) is ignored. Deterministic: only the context's events and activities.
/// </summary>
internal sealed class DeadLetterSteps(
    TaskOrchestrationContext context,
    TaskOptions retry,
    int attempts,
    int generation,
    Func<string, string, int, int, DeadLetterFailure> failureOf,
    Action<string, string> onHold)
{
    /// <summary>The dead letter's generation this instance runs under (0 until a replay).</summary>
    public int Generation { get; private set; } = generation;

    /// <summary>The operator's reason when a step was discarded.</summary>
    public string? DiscardReason { get; private set; }

    /// <summary>
    /// Runs <paramref name="step"/> until it succeeds (true) or the operator discards it (false). The step returns null
    /// on success or says why it failed; an activity failing after its retries (<see cref="TaskFailedException"/>)
    /// fails it too, except a <see cref="PublishRefusedException"/>, which nothing can replay and so propagates.
    /// </summary>
    public Task<bool> RunAsync(string stage, Func<Task<string?>> step) => RunAsync(_ => stage, step);

    /// <summary>
    /// As <see cref="RunAsync(string, Func{Task{string?}})"/> for a step that spans stages: <paramref name="stageOf"/>
    /// names the stage a failure belongs to (given the activity's failure, or null when the step said why it failed).
    /// </summary>
    public async Task<bool> RunAsync(Func<TaskFailureDetails?, string> stageOf, Func<Task<string?>> step)
    {
#pragma warning disable DURABLE0011 // Bounded: each turn follows an operator replay of a dead letter.
        while (true)
        {
            string? error;
            TaskFailureDetails? failure = null;
            try
            {
                error = await step();
            }
            catch (TaskFailedException e) when (!e.FailureDetails.IsCausedBy<PublishRefusedException>())
            {
                (error, failure) = (e.FailureDetails.ErrorMessage, e.FailureDetails);
            }

            if (error is null)
            {
                return true;
            }

            var stage = stageOf(failure);

            onHold(stage, error);
            await context.CallActivityAsync(nameof(RecordDeadLetter), failureOf(stage, error, attempts, Generation), retry);
            if (!await AwaitReplayAsync())
            {
                return false;
            }
        }
#pragma warning restore DURABLE0011
    }

    /// <summary>True on a replay of a newer generation; false on discard.</summary>
    private async Task<bool> AwaitReplayAsync()
    {
#pragma warning disable DURABLE0011 // Bounded: each turn waits for an operator decision; a history grows by one replay per decision.
        while (true)
        {
            using var waits = new CancellationTokenSource();
            var replay = context.WaitForExternalEvent<int>(DeadLetterService.ReplayEvent, waits.Token);
            var discard = context.WaitForExternalEvent<string>(DeadLetterService.DiscardEvent, waits.Token);
            await Task.WhenAny(replay, discard);
            waits.Cancel(); // Synchronously: an orchestration must not hop to another thread.
            if (discard.IsCompletedSuccessfully)
            {
                DiscardReason = discard.Result;
                return false;
            }

            if (replay.Result > Generation)
            {
                Generation = replay.Result;
                return true;
            }
        }
#pragma warning restore DURABLE0011
    }
}
