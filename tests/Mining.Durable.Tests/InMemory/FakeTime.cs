using Microsoft.Extensions.Time.Testing;
using Mining.Durable.InMemory;

namespace Mining.Durable.Tests.InMemory;

/// <summary>Drives the in-memory engine on fake time: waits until the worker has nothing to do, then jumps to the next due message
/// (queued, or parked: the worker's sweeper moves a parked timer to its queue when time reaches it).</summary>
internal static class FakeTime
{
    public static async Task WaitQuietAsync(InMemoryBackend backend)
    {
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var quietChecks = 0;
        while (quietChecks < 2)
        {
            quietChecks = backend.AllQueues.All(q => q.IsQuiet) ? quietChecks + 1 : 0;
            await Task.Delay(TimeSpan.FromMilliseconds(2), limit.Token);
        }
    }

    public static async Task<OrchestrationMetadata> RunToCompletionAsync(DurableTaskClient client, InMemoryBackend backend, FakeTimeProvider time, string instanceId)
    {
        while (true)
        {
            await WaitQuietAsync(backend);
            var metadata = await client.GetInstanceAsync(instanceId, getInputsAndOutputs: true)
                ?? throw new Xunit.Sdk.XunitException($"Instance {instanceId} does not exist.");
            if (metadata.IsCompleted)
            {
                return metadata;
            }

            if (!await StepAsync(backend, time, null))
            {
                throw new Xunit.Sdk.XunitException($"Instance {instanceId} is {metadata.RuntimeStatus} and nothing is left to do.");
            }
        }
    }

    /// <summary>Lets fake time pass to <paramref name="until"/>, delivering everything that comes due on the way.</summary>
    public static async Task RunUntilAsync(InMemoryBackend backend, FakeTimeProvider time, DateTimeOffset until)
    {
        while (true)
        {
            await WaitQuietAsync(backend);
            if (time.GetUtcNow() >= until && !(backend.Parked.NextDueAt <= time.GetUtcNow()))
            {
                return;
            }

            await StepAsync(backend, time, until);
        }
    }

    /// <summary>Advances to the next due message (or <paramref name="until"/>); returns false when nothing is due at all.</summary>
    private static async Task<bool> StepAsync(InMemoryBackend backend, FakeTimeProvider time, DateTimeOffset? until)
    {
        var now = time.GetUtcNow();
        var parked = backend.Parked.NextDueAt;
        if (parked <= now)
        {
            // The sweeper's timer has fired (it sweeps more often than the threshold): it is moving the timer to its queue.
            await Task.Delay(TimeSpan.FromMilliseconds(2));
            return true;
        }

        var next = backend.AllQueues.Select(q => q.NextVisibleAt).Append(parked).Append(until).Where(t => t is not null).Min();
        if (next is null)
        {
            return false;
        }

        var by = next.Value - now;
        time.Advance(by > TimeSpan.Zero ? by : TimeSpan.FromMilliseconds(1));
        return true;
    }
}
