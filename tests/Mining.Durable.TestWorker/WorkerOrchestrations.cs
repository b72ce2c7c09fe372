namespace Mining.Durable.TestWorker;

/// <summary>The work the crash tests run: chains of activities that report which process ran them.</summary>
public static class WorkerOrchestrations
{
    public static void Register(DurableTaskBuilder builder, string markerDirectory)
    {
        builder.AddActivityFunc<int, int>("Work", (_, _) => Task.FromResult(Environment.ProcessId));
        builder.AddActivityFunc<int, int>("Slow", async (context, _) =>
        {
            await File.WriteAllTextAsync(Path.Combine(markerDirectory, $"{context.InstanceId}-{context.TaskId}-{Environment.ProcessId}.started"), string.Empty);
            await Task.Delay(TimeSpan.FromSeconds(2));
            return Environment.ProcessId;
        });
        builder.AddOrchestratorFunc<int, int[]>("Chain", async (context, n) =>
        {
            var first = await context.CallActivityAsync<int>("Work", n);
            var second = await context.CallActivityAsync<int>("Work", n + 1);
            var third = await context.CallActivityAsync<int>("Work", n + 2);
            return [first, second, third];
        });
        builder.AddOrchestratorFunc<int, int[]>("SlowChain", async (context, n) =>
        {
            var first = await context.CallActivityAsync<int>("Slow", n);
            var second = await context.CallActivityAsync<int>("Work", n);
            return [first, second];
        });
    }
}
