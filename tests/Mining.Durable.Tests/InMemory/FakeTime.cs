using Microsoft.Extensions.Time.Testing;
using Mining.Durable.InMemory;

namespace Mining.Durable.Tests.InMemory;

/// <summary>Drives the in-memory engine on fake time: waits until the worker has nothing to do, then jumps to the next due message.</summary>
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

            var next = backend.AllQueues.Select(q => q.NextVisibleAt).Where(t => t is not null).Min()
                ?? throw new Xunit.Sdk.XunitException($"Instance {instanceId} is {metadata.RuntimeStatus} and nothing is left to do.");
            var by = next - time.GetUtcNow();
            time.Advance(by > TimeSpan.Zero ? by : TimeSpan.FromMilliseconds(1));
        }
    }
}
