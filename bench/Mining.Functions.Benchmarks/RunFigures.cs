using System.Globalization;

namespace Mining.Functions.Benchmarks;

/// <summary>The headline figures of one run, kept so that <c>--repeat</c> can judge the targets on the median of the runs.</summary>
internal sealed record RunFigures(
    DateTimeOffset At, int Rewarded, int Total, double ApprovalsPerSecond, double Throughput, double? Steady, double P50, double P95,
    double Floor, double GasAtCap, string LoadAtStart, double? EngineFloor, double Episodes, double ActivityCalls)
{
    /// <summary>Pipeline learnings/s as a share of the engine's own HelloSequence5 orchestrations/s in the same run.</summary>
    public const double TargetShareOfFloor = 0.8;
    public const double TargetOverheadSeconds = 5;
    public const double TargetGasPerLearning = 300;
    public const double TargetEpisodes = 7;
    public const double TargetActivityCalls = 4;

    public double? ShareOfFloor => EngineFloor is { } f ? Throughput / f : null;

    public double Overhead => P95 - Floor;

    /// <summary>
    /// Whether this kind of run judges throughput: with paced approvals it cannot exceed the offered rate, so only runs with
    /// approvals as fast as possible (0) do.
    /// </summary>
    public static bool JudgesThroughput(BenchOptions options) => options.ApprovalRate == 0;

    /// <summary>
    /// Whether this kind of run judges latency: with approvals as fast as possible they queue for the cores, and the latency
    /// grows with the number of learnings, not with the pipeline's overhead; a paced run at a rate the pipeline sustains
    /// shows the overhead.
    /// </summary>
    public static bool JudgesLatency(BenchOptions options) => options.ApprovalRate > 0;

    /// <summary>One row per run, the median row, and each target judged on the median.</summary>
    public static void PrintSummary(IReadOnlyList<RunFigures> runs, BenchOptions options, int attempted)
    {
        Console.WriteLine();
        var mode = options.ApprovalRate > 0 ? $"approvals paced at {options.ApprovalRate:0.#}/s" : $"approvals as fast as {options.Concurrency} requests go";
        Console.WriteLine($"== Summary: {runs.Count} of {attempted} runs with figures ({mode}, {options.Learnings} learnings each); targets judged on the median ==");
        if (runs.Count == 0)
        {
            Console.WriteLine("No run produced figures.");
            return;
        }

        Console.WriteLine($"  {"run",-7} {"UTC",6} {"rewarded",9} {"approvals/s",12} {"learnings/s",12} {"engine orch/s",14} {"share",6} {"after 1st batch",16} {"p50 s",7} {"p95 s",7} {"p95 − floor s",14} {"episodes",9} {"activities",11} {"gas at cap",11} {"load at start",16}");
        var i = 0;
        foreach (var r in runs)
        {
            Line($"{++i}", r.At.ToString("HH:mm", CultureInfo.InvariantCulture), $"{r.Rewarded}/{r.Total}", r.ApprovalsPerSecond, r.Throughput, r.EngineFloor, r.ShareOfFloor, r.Steady, r.P50, r.P95, r.Overhead, r.Episodes, r.ActivityCalls, r.GasAtCap, r.LoadAtStart);
        }

        var throughput = Median(runs.Select(r => r.Throughput));
        var share = runs.All(r => r.ShareOfFloor is not null) ? Median(runs.Select(r => r.ShareOfFloor!.Value)) : (double?)null;
        var engine = runs.All(r => r.EngineFloor is not null) ? Median(runs.Select(r => r.EngineFloor!.Value)) : (double?)null;
        var episodes = Median(runs.Select(r => r.Episodes));
        var activities = Median(runs.Select(r => r.ActivityCalls));
        var overhead = Median(runs.Select(r => r.Overhead));
        var gas = Median(runs.Select(r => r.GasAtCap));
        var steady = runs.All(r => r.Steady is not null) ? Median(runs.Select(r => r.Steady!.Value)) : (double?)null;
        Line("median", string.Empty, string.Empty, Median(runs.Select(r => r.ApprovalsPerSecond)), throughput, engine, share, steady,
            Median(runs.Select(r => r.P50)), Median(runs.Select(r => r.P95)), overhead, episodes, activities, gas, string.Empty);

        Console.WriteLine();
        Console.WriteLine(share is null
            ? $"median learnings/s first approval → last rewarded {throughput:0.00}: not judged (no engine floor measured; --floor 0)"
            : JudgesThroughput(options)
                ? $"median learnings/s ÷ HelloSequence5 orch/s {share:0.00} ({throughput:0.00} ÷ {engine:0.00}): target ≥ {TargetShareOfFloor:0.0} {Verdict(share >= TargetShareOfFloor)}"
                : $"median learnings/s ÷ HelloSequence5 orch/s {share:0.00}: not judged (paced approvals bound it by the offered rate)");
        Console.WriteLine($"median orchestration episodes per learning {episodes:0.00}: target ≤ {TargetEpisodes:0} {Verdict(episodes <= TargetEpisodes)}");
        Console.WriteLine($"median activity calls per learning {activities:0.00}: target ≤ {TargetActivityCalls:0} {Verdict(activities <= TargetActivityCalls)}");
        Console.WriteLine(JudgesLatency(options)
            ? $"median p95 − floor {overhead:0.00} s: target ≤ {TargetOverheadSeconds:0} s {Verdict(overhead <= TargetOverheadSeconds)}"
            : $"median p95 − floor {overhead:0.00} s: not judged (approvals as fast as possible queue up; --approval-rate R, below the rate the pipeline sustains, shows the overhead)");
        Console.WriteLine($"median gas per learning at a full batch {gas:0}: target ≤ {TargetGasPerLearning:0} {Verdict(gas <= TargetGasPerLearning)}");

        static void Line(
            string run, string at, string rewarded, double approvals, double throughput, double? engine, double? share, double? steady, double p50, double p95, double overhead,
            double episodes, double activities, double gas, string load) =>
            Console.WriteLine($"  {run,-7} {at,6} {rewarded,9} {approvals,12:0.0} {throughput,12:0.00} {Optional(engine),14} {Optional(share),6} {Optional(steady),16} "
                + $"{p50,7:0.00} {p95,7:0.00} {overhead,14:0.00} {episodes,9:0.00} {activities,11:0.00} {gas,11:0} {load,16}");

        static string Optional(double? value) => value is { } v ? v.ToString("0.00", CultureInfo.InvariantCulture) : "n/a";
    }

    public static string Verdict(bool met) => met ? "(met)" : "(MISSED)";

    /// <summary>The middle value; the mean of the two middle ones for an even count.</summary>
    internal static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        var mid = sorted.Count / 2;
        return sorted.Count % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }
}
