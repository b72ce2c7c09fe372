using Microsoft.DurableTask.Client;
using Mining.Functions.Anchoring;
using Mining.Functions.Publishing;

namespace Mining.Functions.Replay;

/// <summary>
/// Finds the learning and batch instances the engine failed (an exception their code did not catch, or history it
/// could not replay) and hands each to <see cref="DeadLetterFailureSink"/>, which records an Engine dead letter and
/// alerts the operator once. The local host runs it every minute; the Functions app from a timer trigger.
/// </summary>
/// <remarks>Idempotent: a failure is keyed by its instance and the time it failed, so scanning it again changes nothing.</remarks>
internal sealed class FailedInstanceScan(DurableTaskClient durable, DeadLetterFailureSink sink, TimeProvider time)
{
    /// <summary>How far back a scan looks: long enough to cover a host that was down for a day.</summary>
    public static readonly TimeSpan Lookback = TimeSpan.FromDays(1);

    private static readonly HashSet<string> Watched = [nameof(PublishLearning), nameof(AnchorBatch)];

    /// <summary>Records every failed instance last updated within <see cref="Lookback"/>; returns how many it saw.</summary>
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var query = new OrchestrationQuery
        {
            Statuses = [OrchestrationRuntimeStatus.Failed],
            CreatedFrom = time.GetUtcNow() - Lookback - Lookback,
            FetchInputsAndOutputs = false,
        };
        var seen = 0;
        await foreach (var instance in durable.GetAllInstancesAsync(query).WithCancellation(cancellationToken))
        {
            if (!Watched.Contains(instance.Name) || instance.LastUpdatedAt < time.GetUtcNow() - Lookback)
            {
                continue;
            }

            seen++;
            var reason = instance.FailureDetails is { } details
                ? $"The engine failed the instance: {details.ErrorType}: {details.ErrorMessage}"
                : "The engine failed the instance.";
            await sink.OnGaveUpAsync(
                new OrchestrationFailure(instance.InstanceId, instance.Name, reason, 1, $"failed:{instance.InstanceId}:{instance.LastUpdatedAt.UtcTicks}"),
                cancellationToken);
        }

        return seen;
    }
}
