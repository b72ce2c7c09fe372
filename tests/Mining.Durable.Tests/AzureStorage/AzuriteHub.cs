using Mining.Durable.AzureStorage;

namespace Mining.Durable.Tests.AzureStorage;

internal static class AzuriteHub
{
    /// <summary>Messages in the hub's queues, visible, delayed or leased.</summary>
    public static async Task<int> QueuedMessageCountAsync(AzureStorageBackend backend)
    {
        var counts = await Task.WhenAll(Enumerable.Range(0, backend.PartitionCount)
            .Select(p => ((AzureWorkQueue)backend.ControlQueue(p)).Client)
            .Append(((AzureWorkQueue)backend.ActivityQueue).Client)
            .Select(async q => (await q.GetPropertiesAsync()).Value.ApproximateMessagesCount));
        return counts.Sum();
    }

    /// <summary>Waits until every queue of the hub is empty (visible or leased) on two checks in a row.</summary>
    public static async Task SettleAsync(AzureStorageBackend backend)
    {
        using var limit = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var emptyChecks = 0;
        while (emptyChecks < 2)
        {
            var counts = await Task.WhenAll(Enumerable.Range(0, backend.PartitionCount)
                .Select(p => ((AzureWorkQueue)backend.ControlQueue(p)).Client)
                .Append(((AzureWorkQueue)backend.ActivityQueue).Client)
                .Select(async q => (await q.GetPropertiesAsync(limit.Token)).Value.ApproximateMessagesCount));
            emptyChecks = counts.All(c => c == 0) ? emptyChecks + 1 : 0;
            await Task.Delay(TimeSpan.FromMilliseconds(200), limit.Token);
        }
    }
}
