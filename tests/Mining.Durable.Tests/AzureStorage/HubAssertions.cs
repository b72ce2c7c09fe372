using Mining.Durable.Backend;
using Mining.Durable.History;

namespace Mining.Durable.Tests.AzureStorage;

internal static class HubAssertions
{
    /// <summary>Each instance completed, its history records exactly one completion, and no task has two results or two schedules.</summary>
    public static async Task AssertEachCompletedExactlyOnceAsync(IDurableBackend backend, IEnumerable<string> instanceIds)
    {
        foreach (var id in instanceIds)
        {
            var snapshot = await backend.Instances.LoadAsync(id, CancellationToken.None);
            Assert.NotNull(snapshot);
            Assert.Equal(OrchestrationRuntimeStatus.Completed, snapshot.Record.Status);
            Assert.Single(snapshot.History.OfType<ExecutionCompleted>());
            Assert.Single(snapshot.History.OfType<ExecutionStarted>());
            var scheduled = snapshot.History.OfType<TaskScheduled>().Select(t => t.EventId).ToList();
            var results = snapshot.History.OfType<TaskCompleted>().Select(t => t.TaskScheduledId).ToList();
            Assert.Equal(scheduled.Count, scheduled.Distinct().Count());
            Assert.Equal(results.Count, results.Distinct().Count());
            Assert.Equal(scheduled.Order(), results.Order());
        }
    }

    public static async Task<List<OrchestrationMetadata>> WaitForAllCompletedAsync(DurableTaskClient client, string prefix, int expected, TimeSpan limit)
    {
        using var cts = new CancellationTokenSource(limit);
        while (true)
        {
            var done = new List<OrchestrationMetadata>();
            await foreach (var i in client.GetAllInstancesAsync(new OrchestrationQuery { InstanceIdPrefix = prefix, FetchInputsAndOutputs = true, PageSize = 1000 }, cts.Token))
            {
                if (i.IsCompleted)
                {
                    done.Add(i);
                }
            }

            if (done.Count >= expected)
            {
                return done;
            }

            await Task.Delay(TimeSpan.FromSeconds(1), cts.Token);
        }
    }
}
