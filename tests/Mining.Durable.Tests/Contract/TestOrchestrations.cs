namespace Mining.Durable.Tests.Contract;

/// <summary>The orchestrations and activities the contract suite runs on every backend.</summary>
public static class TestOrchestrations
{
    public static void Register(DurableTaskBuilder b, Probe probe, TimeProvider time)
    {
        b.AddActivityFunc<string, string>("Hello", (_, name) =>
        {
            probe.Count("Hello");
            return Task.FromResult($"Hello {name}");
        });
        b.AddActivityFunc<string, string>("Other", (_, name) => Task.FromResult($"Other {name}"));
        b.AddActivityFunc<int, int>("Double", (_, i) => Task.FromResult(i * 2));
        b.AddActivityFunc<string, string>("Echo", (_, s) => Task.FromResult(s));
        b.AddActivityFunc<string?, string>("Boom", (_, _) => throw new InvalidOperationException("boom: the activity failed"));
        b.AddActivityFunc<string?, string>("Flaky", (_, _) =>
        {
            probe.Attempts.Enqueue(time.GetUtcNow());
            return probe.Count("Flaky") < 4 ? throw new InvalidOperationException("flaky") : Task.FromResult("ok");
        });
        b.AddActivityFunc<string?, string>("BadArgument", (_, _) =>
        {
            probe.Count("BadArgument");
            throw new ArgumentException("not retryable");
        });

        b.AddOrchestratorFunc<string[], string>("Sequence", async (ctx, names) =>
        {
            var parts = new List<string>();
            foreach (var name in names)
            {
                parts.Add(await ctx.CallActivityAsync<string>("Hello", name));
            }

            return string.Join(", ", parts);
        });
        b.AddOrchestratorFunc<long, long>("Timer", async (ctx, ticks) =>
        {
            var start = ctx.CurrentUtcDateTime;
            await ctx.CreateTimer(TimeSpan.FromTicks(ticks), CancellationToken.None);
            return (ctx.CurrentUtcDateTime - start).Ticks;
        });
        b.AddOrchestratorFunc<long, string>("TimerThenEvent", async (ctx, ticks) =>
        {
            await ctx.CreateTimer(TimeSpan.FromTicks(ticks), CancellationToken.None);
            return await ctx.WaitForExternalEvent<string>("Go");
        });
        b.AddOrchestratorFunc<string?, string>("Events", async (ctx, _) =>
        {
            var go = await ctx.WaitForExternalEvent<string>("Go");
            var data = await ctx.WaitForExternalEvent<int>("Data");
            return $"{go}:{data}";
        });
        b.AddOrchestratorFunc<long, string>("Approval", async (ctx, timeoutTicks) =>
        {
            try
            {
                return await ctx.WaitForExternalEvent<string>("Approval", TimeSpan.FromTicks(timeoutTicks));
            }
            catch (TaskCanceledException)
            {
                return "timed out";
            }
        });
        b.AddOrchestratorFunc<long, string>("Retry", (ctx, unitTicks) =>
            ctx.CallActivityAsync<string>("Flaky", null, TaskOptions.FromRetryPolicy(new RetryPolicy(5, TimeSpan.FromTicks(unitTicks), 2.0, maxRetryInterval: TimeSpan.FromTicks(3 * unitTicks)))));
        b.AddOrchestratorFunc<long, string>("RetryOnlySome", (ctx, unitTicks) =>
            ctx.CallActivityAsync<string>("BadArgument", null, TaskOptions.FromRetryPolicy(
                new RetryPolicy(5, TimeSpan.FromTicks(unitTicks)) { HandleFailure = f => !f.IsCausedBy<ArgumentException>() })));
        b.AddOrchestratorFunc<string?, string>("CatchFailure", async (ctx, _) =>
        {
            try
            {
                await ctx.CallActivityAsync<string>("Boom");
                return "no failure";
            }
            catch (TaskFailedException ex)
            {
                return $"{ex.FailureDetails.ErrorType}|{ex.FailureDetails.ErrorMessage}";
            }
        });
        b.AddOrchestratorFunc<string?, string>("Unhandled", (ctx, _) => ctx.CallActivityAsync<string>("Boom"));
        b.AddOrchestratorFunc<int, long>("FanOut", async (ctx, n) =>
        {
            var results = await Task.WhenAll(Enumerable.Range(0, n).Select(i => ctx.CallActivityAsync<int>("Double", i)));
            return results.Sum(r => (long)r);
        });
        b.AddOrchestratorFunc<string[], string>("Parent", (ctx, names) => ctx.CallSubOrchestratorAsync<string>("Sequence", names));
        b.AddOrchestratorFunc<string?, string>("ParentOfFailing", async (ctx, _) =>
        {
            try
            {
                await ctx.CallSubOrchestratorAsync<string>("Unhandled");
                return "no failure";
            }
            catch (TaskFailedException ex)
            {
                return ex.FailureDetails.InnerFailure?.ErrorMessage ?? ex.FailureDetails.ErrorMessage;
            }
        });
        b.AddOrchestratorFunc<int, int>("Counter", async (ctx, n) =>
        {
            if (n >= 10)
            {
                return n;
            }

            await ctx.CallActivityAsync<string>("Hello", n.ToString(System.Globalization.CultureInfo.InvariantCulture));
            ctx.SetCustomStatus(new { step = n });
            ctx.ContinueAsNew(n + 1);
            return n;
        });
        b.AddOrchestratorFunc<int, int>("Summing", async (ctx, total) =>
        {
            total += await ctx.WaitForExternalEvent<int>("Item");
            if (total >= 6)
            {
                return total;
            }

            ctx.ContinueAsNew(total, preserveUnprocessedEvents: true);
            return total;
        });
        b.AddOrchestratorFunc<string?, string>("Drifting", async (ctx, _) =>
        {
            await ctx.CallActivityAsync<string>(probe.UseChangedCode ? "Other" : "Hello", "x");
            return await ctx.WaitForExternalEvent<string>("Go");
        });
        b.AddOrchestratorFunc<string, string>("ChildClash", async (ctx, childId) =>
        {
            try
            {
                return await ctx.CallSubOrchestratorAsync<string>("Events", null, new SubOrchestrationOptions(InstanceId: childId));
            }
            catch (TaskFailedException ex)
            {
                return ex.FailureDetails.ErrorType;
            }
        });
        b.AddOrchestratorFunc<string, string>("EchoLarge", (ctx, payload) => ctx.CallActivityAsync<string>("Echo", payload));
        b.AddOrchestratorFunc<string?, Guid[]>("Guids", async (ctx, _) =>
        {
            var first = ctx.NewGuid();
            await ctx.CallActivityAsync<string>("Hello", "g");
            return [first, ctx.NewGuid()];
        });
    }
}
