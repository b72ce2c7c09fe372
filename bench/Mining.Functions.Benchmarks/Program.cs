using System.Globalization;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Mining.DevStack;
using Mining.Ethereum.Rpc;
using Mining.Ethereum.Signing;
using Mining.Functions.Benchmarks;
using Nethereum.RPC.Eth.DTOs;

// The publish pipeline end to end on a fresh local stack of its own (issue 7, "Benchmark"; --reuse-stack: the shared
// one): N learnings submitted and approved through the API of a running app process, followed until every one is
// rewarded. Prints throughput, p50/p95 approval-to-confirmed latency against the physical floor of the same run, gas
// per learning, batch sizes, where the time goes per stage (from the app's log and the records), and per learning the
// storage operations (the app's /api/operator/metrics) and CPU seconds of the app and each stack component. With
// --repeat N it does that N times and judges the targets on the median of the runs.
BenchOptions options;
try
{
    options = BenchOptions.Parse(args);
}
catch (Exception e) when (e is ArgumentException or FormatException)
{
    Console.Error.WriteLine(e.Message);
    Console.Error.WriteLine(BenchOptions.Usage);
    return 2;
}

CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
var root = Path.GetFullPath(Path.Combine(DevStackOptions.ForRepository().InfraDirectory, "..", ".."));
var dll = AppDll(root, options.AppConfiguration);
if (dll is null)
{
    Console.Error.WriteLine("The local host is not built: run 'dotnet build -c Release src/Mining.Functions.LocalHost' first (or pass --app-config Debug).");
    return 2;
}

// Ctrl+C or SIGTERM ends the run through the same path as a failure, so the app and a fresh stack are still stopped.
using var interrupted = new CancellationTokenSource();
using var onInterrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Interrupt);
using var onTerminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Interrupt);

var runs = new List<RunFigures>();
var exitCode = 0;
var attempted = 0;
for (var i = 1; i <= options.Repeat && !interrupted.IsCancellationRequested; i++)
{
    if (options.Repeat > 1)
    {
        if (i > 1)
        {
            // The previous run's processes have just stopped: let the load average settle a little before the next one.
            Console.WriteLine($"Pausing {options.Pause.TotalSeconds:0} s before the next run.");
            try
            {
                await Task.Delay(options.Pause, interrupted.Token);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }

        Console.WriteLine();
        Console.WriteLine($"=== Run {i} of {options.Repeat} ===");
    }

    attempted++;
    var (code, figures) = await RunOnceAsync();
    exitCode = Math.Max(exitCode, code);
    if (figures is not null)
    {
        runs.Add(figures);
    }
}

if (options.Repeat > 1)
{
    RunFigures.PrintSummary(runs, options, attempted);
}

return exitCode;

// One run: a stack (fresh unless --reuse-stack), the app, the warm-up, the measured learnings and the report.
async Task<(int ExitCode, RunFigures? Figures)> RunOnceAsync()
{
    BenchStack benchStack;
    try
    {
        benchStack = await BenchStack.UpAsync(options, interrupted.Token);
    }
    catch (Exception e) when (e is DevStackException or OperationCanceledException)
    {
        Console.Error.WriteLine($"The dev stack could not start: {e.Message}");
        return (1, null);
    }

    await using var stack = benchStack;
    var up = stack.Up;
    Console.WriteLine(stack.Fresh
        ? $"Dev stack: a fresh one of the run's own in {stack.StateDirectory} (started {string.Join(", ", up.Started)} in {up.Elapsed.TotalSeconds:0.0} s; --reuse-stack runs on the shared one)"
        : $"Dev stack: the repository's shared one in {stack.StateDirectory} (--reuse-stack; "
            + (up.Reused ? $"reused in {up.Elapsed.TotalMilliseconds:0} ms)" : $"started {string.Join(", ", up.Started)})"));

    var runTag = DateTimeOffset.UtcNow.ToString("yyMMddHHmmss", CultureInfo.InvariantCulture);
    var hub = options.HubName ?? "Bench" + runTag;
    FloorFigures? engineFloor = null;
    if (options.FloorCount > 0)
    {
        // The engine alone, before the app starts, on the same Azurite and host.json settings: the floor the pipeline is judged against.
        try
        {
            engineFloor = await EngineFloor.RunAsync(root, up.Endpoints.AzuriteConnectionString, "Floor" + runTag, options.FloorCount, interrupted.Token);
            Console.WriteLine($"Engine alone: {engineFloor.Orchestrations} HelloSequence5 orchestrations at {engineFloor.PerSecond:0.00}/s "
                + $"({engineFloor.EpisodesEach:0.0} episodes, {engineFloor.ActivityCallsEach:0.0} activity calls each; task hub Floor{runTag})");
        }
        catch (Exception e) when (e is InvalidOperationException or TimeoutException or OperationCanceledException)
        {
            Console.Error.WriteLine($"The engine floor could not be measured: {e.Message}");
            return (1, null);
        }
    }

    var operatorKey = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));
    var settings = new Dictionary<string, string>
    {
        ["Publishing__BatchWindow"] = options.BatchWindow.ToString("c", CultureInfo.InvariantCulture),
        ["Publishing__BatchSize"] = options.BatchSize.ToString(CultureInfo.InvariantCulture),
        ["Chain__Confirmations"] = options.Confirmations.ToString(CultureInfo.InvariantCulture),
        ["DevStack__AnvilBlockTimeSeconds"] = options.BlockTimeSeconds.ToString(CultureInfo.InvariantCulture),
        ["Operator__ApiKey"] = operatorKey,
        // The per-key submission limit (120 a minute by default) would pace the submissions, not the pipeline under test.
        ["Limits__SubmissionsPerMinute"] = "1000000",
        ["extensions__durableTask__hubName"] = hub,
    };
    Console.WriteLine($"App: dotnet {Path.GetRelativePath(root, dll)} built {File.GetLastWriteTimeUtc(dll):HH:mm} UTC, run from a copy (task hub {hub}); settings: "
        + string.Join(", ", settings.Where(s => s.Key != "Operator__ApiKey").Select(s => $"{s.Key}={s.Value}")));

    await using var app = AppProcess.Start(root, dll, stack.StateDirectory, settings);
    using var http = new HttpClient { BaseAddress = app.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
    using var rpcHttp = new HttpClient();
    var rpc = new EthRpcClient(rpcHttp, new EthRpcOptions { Endpoint = up.Endpoints.AnvilRpcUrl });
    try
    {
        await app.WaitHealthyAsync(TimeSpan.FromMinutes(3), interrupted.Token);
        Console.WriteLine($"App healthy at {app.BaseAddress} (log {app.LogPath})");
        var measuredBlockTime = await MeasuredBlockTimeAsync(rpc);
        var loadAtStart = LoadAverage();

        using var wallet = PrivateKeySigner.CreateRandom();
        var run = new PipelineRun(http, options);
        await run.CreateContributorAsync(operatorKey, wallet.Address.ToString(), interrupted.Token);
        var samples = Directory.GetFiles(Path.Combine(root, "docs", "samples"), "*.json").Order(StringComparer.Ordinal)
            .Select(f => (JsonObject)JsonNode.Parse(File.ReadAllText(f))!).ToList();
        if (options.Warmup > 0)
        {
            // A fresh process JITs, connects and fills its caches on its first learnings; a service under sustained load has
            // done that long before. These learnings go the whole way (a batch, its confirmations, the rewards) unmeasured.
            var warmupStart = DateTimeOffset.UtcNow;
            var warmup = new PipelineRun(http, options with { Learnings = options.Warmup, ApprovalRate = 0 });
            await warmup.SubmitAsync(samples, runTag + " warm-up", interrupted.Token);
            await warmup.ApproveAsync(interrupted.Token);
            await warmup.PollUntilRewardedAsync(TimeSpan.FromSeconds(1), p => Console.WriteLine($"  warm-up: {p}"), interrupted.Token);
            if (warmup.Learnings.Any(l => l.Reason is not null))
            {
                throw new InvalidOperationException("A warm-up learning did not reach Rewarded (see above).");
            }

            Console.WriteLine($"Warm-up: {options.Warmup} learnings submitted, approved and rewarded in {(DateTimeOffset.UtcNow - warmupStart).TotalSeconds:0.0} s (not measured)");
        }

        var watched = stack.Components().Select(c => new WatchedProcess(c.Name, c.Pid, Group: true)).Append(new WatchedProcess("app", app.Pid, Group: false)).ToList();
        var useAtStart = await ResourceUse.TakeAsync(http, operatorKey, watched);

        var submitStart = DateTimeOffset.UtcNow;
        await run.SubmitAsync(samples, runTag, interrupted.Token);
        var submitEnd = DateTimeOffset.UtcNow;
        Console.WriteLine($"Submitted {run.Learnings.Count} learnings in {(submitEnd - submitStart).TotalSeconds:0.0} s ({run.Learnings.Count / (submitEnd - submitStart).TotalSeconds:0.0}/s, concurrency {options.Concurrency})");

        var approveStart = DateTimeOffset.UtcNow;
        await run.ApproveAsync(interrupted.Token);
        var approveEnd = DateTimeOffset.UtcNow;
        Console.WriteLine($"Approved {run.Learnings.Count} learnings in {(approveEnd - approveStart).TotalSeconds:0.0} s ({run.Learnings.Count / (approveEnd - approveStart).TotalSeconds:0.0}/s)");

        var complete = true;
        try
        {
            await run.PollUntilRewardedAsync(
                TimeSpan.FromSeconds(2), p => Console.WriteLine($"  {DateTimeOffset.UtcNow - approveStart:mm\\:ss} {p} (load {LoadAverage()})"), interrupted.Token);
        }
        catch (TimeoutException e) when (run.Learnings.Any(l => l.RewardedAt is not null))
        {
            // The figures of the learnings that did make it are still worth printing, marked partial.
            Console.Error.WriteLine($"Benchmark failed: {e.Message}");
            complete = false;
        }

        if (run.Learnings.Count(l => l.Reason is not null) is > 0 and var ended)
        {
            Console.Error.WriteLine($"Benchmark failed: {ended} learnings did not reach Rewarded (see above); the figures cover the rewarded ones.");
            complete = false;
        }

        await Task.Delay(500);
        var useAtEnd = await ResourceUse.TakeAsync(http, operatorKey, watched);
        var stages = StageTimes.Parse(app.Lines);
        var rewarded = run.Learnings.Where(l => l.RewardedAt is not null).ToList();
        var work = ResourceUse.WorkPerLearning(useAtStart, useAtEnd, run.Learnings.Count);
        var figures = await new Report(options, rewarded, run.Learnings.Count, stages, rpc, measuredBlockTime, submitStart, submitEnd, approveEnd, loadAtStart, engineFloor, work).PrintAsync();
        ResourceUse.Print(useAtStart, useAtEnd, run.Learnings.Count, sharedStack: !stack.Fresh);
        ResourceUse.PrintWork(useAtStart, useAtEnd, run.Learnings.Count);
        Console.WriteLine($"Dev stack: {(stack.Fresh ? "fresh (the run's own)" : "the repository's shared one (--reuse-stack)")}; "
            + $"load average at the end: {LoadAverage()}; app log: {app.LogPath}");
        return (complete ? 0 : 1, figures);
    }
    catch (Exception e) when (e is InvalidOperationException or TimeoutException or HttpRequestException or OperationCanceledException)
    {
        Console.Error.WriteLine(interrupted.IsCancellationRequested ? "Benchmark interrupted." : $"Benchmark failed: {e.Message}");
        Console.Error.WriteLine($"App log: {app.LogPath}");
        return (1, null);
    }
}

void Interrupt(PosixSignalContext context)
{
    context.Cancel = true;
    interrupted.Cancel();
}

// 1, 5 and 15 minute load averages: the 2 cores are shared, so the figures are read beside them.
static string LoadAverage() =>
    File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";

static string? AppDll(string root, string? configuration)
{
    var bin = Path.Combine(root, "src", "Mining.Functions.LocalHost", "bin");
    if (configuration is not null)
    {
        var chosen = Path.Combine(bin, configuration, "net10.0", "Mining.Functions.LocalHost.dll");
        return File.Exists(chosen) ? chosen : null;
    }

    var own = typeof(BenchOptions).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Release";
    return new[] { own, "Release", "Debug" }
        .Select(c => Path.Combine(bin, c, "net10.0", "Mining.Functions.LocalHost.dll"))
        .FirstOrDefault(File.Exists);
}

// The average interval of the last 20 blocks: the block time anvil is actually mining at.
static async Task<double> MeasuredBlockTimeAsync(EthRpcClient rpc)
{
    var head = (ulong)(await rpc.Eth.Blocks.GetBlockNumber.SendRequestAsync()).Value;
    var span = Math.Min(head, 20UL);
    if (span == 0)
    {
        return double.NaN;
    }

    var latest = await rpc.Eth.Blocks.GetBlockWithTransactionsHashesByNumber.SendRequestAsync(new BlockParameter(head));
    var earlier = await rpc.Eth.Blocks.GetBlockWithTransactionsHashesByNumber.SendRequestAsync(new BlockParameter(head - span));
    return (double)(latest.Timestamp.Value - earlier.Timestamp.Value) / span;
}
