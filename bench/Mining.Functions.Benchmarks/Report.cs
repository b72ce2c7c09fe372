using Mining.Ethereum;
using Mining.Ethereum.Rpc;
using Nethereum.RPC.Eth.DTOs;

namespace Mining.Functions.Benchmarks;

/// <summary>Prints the figures of one run beside the issue's targets, then where the time went per stage and per batch.</summary>
internal sealed class Report(
    BenchOptions options, IReadOnlyList<Tracked> learnings, int total, StageTimes stages, EthRpcClient rpc, double measuredBlockTime,
    DateTimeOffset submitStart, DateTimeOffset submitEnd, DateTimeOffset approveEnd, string loadAtStart,
    FloorFigures? engineFloor, (double Episodes, double ActivityCalls) work)
{
    private const double TargetShareOfFloor = RunFigures.TargetShareOfFloor;
    private const double TargetOverheadSeconds = RunFigures.TargetOverheadSeconds;
    private const double TargetGasPerLearning = RunFigures.TargetGasPerLearning;

    /// <summary>Prints the run's figures and returns its headline ones.</summary>
    public async Task<RunFigures> PrintAsync()
    {
        var n = learnings.Count;
        var firstApproved = learnings.Min(l => l.ApprovedAt);
        var lastRewarded = learnings.Max(l => l.RewardedAt!.Value);
        var latencies = learnings.Select(l => (l.RewardedAt!.Value - l.ApprovedAt).TotalSeconds).Order().ToList();
        var throughput = n / (lastRewarded - firstApproved).TotalSeconds;
        var steady = SteadyRate([.. learnings.Select(l => l.RewardedAt!.Value).Order()]);
        var byApproval = learnings.OrderBy(l => l.ApprovedAt).Select(l => (l.RewardedAt!.Value - l.ApprovedAt).TotalSeconds).ToList();
        var fifth = Math.Max(1, n / 5);
        var firstFifthP95 = Percentile([.. byApproval.Take(fifth).Order()], 0.95);
        var lastFifthP95 = Percentile([.. byApproval.TakeLast(fifth).Order()], 0.95);
        var p50 = Percentile(latencies, 0.50);
        var p95 = Percentile(latencies, 0.95);
        var floor = options.BatchWindow.TotalSeconds + options.Confirmations * options.BlockTimeSeconds;

        var batches = learnings.GroupBy(l => l.BatchId!).Select(g => (BatchId: g.Key, Items: g.ToList(), Tx: g.First().TransactionHash!, Block: g.First().BlockNumber!.Value))
            .OrderBy(b => b.Block).ToList();
        var receipts = new Dictionary<string, TransactionReceipt>();
        foreach (var tx in batches.Select(b => b.Tx).Distinct())
        {
            receipts[tx] = await rpc.Eth.Transactions.GetTransactionReceipt.SendRequestAsync(TxHash.Parse(tx).ToString())
                ?? throw new InvalidOperationException($"No receipt for the anchor transaction {tx}.");
        }

        var gas = receipts.Values.Sum(r => (double)r.GasUsed.Value);
        var gasPerLearning = gas / n;

        Console.WriteLine();
        Console.WriteLine($"== Publish pipeline benchmark: {n} of {total} learnings rewarded{(n < total ? " (PARTIAL: the run timed out; figures over the rewarded ones)" : string.Empty)}, "
            + $"{DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} cores, load average at start {loadAtStart} ==");
        Console.WriteLine($"Settings: batch size {options.BatchSize}, batch window {options.BatchWindow.TotalSeconds:0.###} s, confirmations N = {options.Confirmations}, "
            + $"block time {options.BlockTimeSeconds} s (anvil measured {measuredBlockTime:0.00} s over its last 20 blocks)");
        Console.WriteLine($"Submit: {total / (submitEnd - submitStart).TotalSeconds:0.0} learnings/s; approve: {total / (approveEnd - firstApproved).TotalSeconds:0.0} approvals/s "
            + $"(concurrency {options.Concurrency}{(options.ApprovalRate > 0 ? $", paced at {options.ApprovalRate:0.#}/s" : "")})");
        Console.WriteLine();
        Console.WriteLine($"{"figure",-44} {"measured",12}   target");
        var judgesThroughput = RunFigures.JudgesThroughput(options);
        var judgesLatency = RunFigures.JudgesLatency(options);
        Row("learnings/s first approval → last rewarded", $"{throughput:0.00}", string.Empty, null);
        if (engineFloor is { } f)
        {
            Row($"engine alone: HelloSequence5 orch/s ({f.Orchestrations})", $"{f.PerSecond:0.00}",
                $"{f.EpisodesEach:0.0} episodes and {f.ActivityCallsEach:0.0} activity calls each", null);
            Row("learnings/s ÷ HelloSequence5 orch/s", $"{throughput / f.PerSecond:0.00}",
                judgesThroughput ? $"≥ {TargetShareOfFloor:0.0}" : $"not judged: paced at {options.ApprovalRate:0.#}/s, it cannot exceed that",
                judgesThroughput ? throughput / f.PerSecond >= TargetShareOfFloor : null);
        }

        Row("learnings/s after the first batch", steady is { } rate ? $"{rate:0.00}" : "n/a", string.Empty, null);
        Row("p95 latency, first / last fifth approved [s]", $"{firstFifthP95:0.0} / {lastFifthP95:0.0}", "no growth: kept pace", null);
        Row("p50 approval → confirmed (rewarded) [s]", $"{p50:0.00}", string.Empty, null);
        Row("p95 approval → confirmed (rewarded) [s]", $"{p95:0.00}", string.Empty, null);
        Row("physical floor W + N × block time [s]", $"{floor:0.00}", $"{options.BatchWindow.TotalSeconds:0.###} + {options.Confirmations} × {options.BlockTimeSeconds}", null);
        var latencyTarget = judgesLatency ? string.Empty : " (not judged: a backlog of approvals; judged with --approval-rate)";
        Row("overhead ratio p95 / floor", $"{p95 / floor:0.00}", $"≤ {(floor + TargetOverheadSeconds) / floor:0.00}{latencyTarget}", judgesLatency ? p95 - floor <= TargetOverheadSeconds : null);
        Row("overhead p95 − floor [s]", $"{p95 - floor:0.00}", $"≤ {TargetOverheadSeconds:0}{latencyTarget}", judgesLatency ? p95 - floor <= TargetOverheadSeconds : null);
        Row("orchestration episodes per learning", $"{work.Episodes:0.00}", $"≤ {RunFigures.TargetEpisodes}", work.Episodes <= RunFigures.TargetEpisodes);
        Row("activity calls per learning", $"{work.ActivityCalls:0.00}", $"≤ {RunFigures.TargetActivityCalls}", work.ActivityCalls <= RunFigures.TargetActivityCalls);
        Row($"gas per learning ({receipts.Count} anchor tx, {gas:0} gas)", $"{gasPerLearning:0}", "the target is at a full batch: next line", null);
        // anchor() stores one root per batch: its gas does not grow with the batch, so a full batch costs the mean per transaction.
        var atCap = gas / receipts.Count / options.BatchSize;
        Row($"  projected at a full batch of {options.BatchSize} (mean gas/tx ÷ {options.BatchSize})", $"{atCap:0}", $"≤ {TargetGasPerLearning:0}", atCap <= TargetGasPerLearning);
        Console.WriteLine($"Batch sizes seen: {string.Join(", ", batches.Select(b => b.Items.Count))} (max {batches.Max(b => b.Items.Count)}, cap {options.BatchSize})");
        Console.WriteLine($"Latency max {latencies[^1]:0.00} s, min {latencies[0]:0.00} s; approvals {firstApproved:HH:mm:ss.fff} → {learnings.Max(l => l.ApprovedAt):HH:mm:ss.fff}, last rewarded {lastRewarded:HH:mm:ss.fff} UTC");

        PrintStages(batches.ToDictionary(b => b.BatchId, b => b.Items));
        Console.WriteLine();
        Console.WriteLine("Batches (seconds after the first approval; 'confirmed' is when the app logged N confirmations):");
        Console.WriteLine($"  {"batch",-27} {"size",5} {"prepared",9} {"sent",7} {"confirmed",10} {"last rewarded",14} {"block",7} {"gas",9} {"gas/learning",13}");
        foreach (var b in batches)
        {
            var receipt = receipts[b.Tx];
            Console.WriteLine($"  {b.BatchId,-27} {b.Items.Count,5} {Since(stages.BatchPrepared, b.BatchId),9} {Since(stages.BatchSent, b.BatchId),7} "
                + $"{Since(stages.BatchConfirmed, b.BatchId),10} {(b.Items.Max(i => i.RewardedAt!.Value) - firstApproved).TotalSeconds,14:0.0} {receipt.BlockNumber.Value,7} "
                + $"{receipt.GasUsed.Value,9} {(double)receipt.GasUsed.Value / b.Items.Count,13:0}");
        }

        return new RunFigures(DateTimeOffset.UtcNow, n, total, total / (approveEnd - firstApproved).TotalSeconds, throughput, steady, p50, p95, floor, atCap, loadAtStart,
            engineFloor?.PerSecond, work.Episodes, work.ActivityCalls);

        string Since(Dictionary<string, DateTimeOffset> times, string id) =>
            times.TryGetValue(id, out var at) ? (at - firstApproved).TotalSeconds.ToString("0.0", System.Globalization.CultureInfo.InvariantCulture) : "-";
    }

    /// <summary>
    /// Learnings rewarded per second once the pipeline runs: those rewarded after the first reward time (the first batch)
    /// divided by the time from it to the last reward, so the first window's wait is not counted as throughput. Null when
    /// everything was rewarded at once (one batch).
    /// </summary>
    internal static double? SteadyRate(IReadOnlyList<DateTimeOffset> rewardedInOrder)
    {
        var first = rewardedInOrder[0];
        var after = rewardedInOrder.Count(t => t > first + TimeSpan.FromSeconds(1));
        var span = (rewardedInOrder[^1] - first).TotalSeconds;
        return after > 0 && span > 0 ? after / span : null;
    }

    private void PrintStages(Dictionary<string, List<Tracked>> batches)
    {
        var rows = new List<(string Stage, List<double> Seconds)>
        {
            ("approved → pinned on every target", []),
            ("pinned → verified on every gateway", []),
            ("verified → batch prepared (window + prepare)", []),
            ("batch prepared → anchor tx sent", []),
            ("tx sent → N confirmations seen", []),
            ("confirmed → rewarded (record updated)", []),
        };
        foreach (var l in learnings)
        {
            Add(0, l.ApprovedAt, stages.Pinned, l.Id);
            Add(1, Get(stages.Pinned, l.Id), stages.Verified, l.Id);
            Add(2, Get(stages.Verified, l.Id), stages.BatchPrepared, l.BatchId!);
            Add(3, Get(stages.BatchPrepared, l.BatchId!), stages.BatchSent, l.BatchId!);
            Add(4, Get(stages.BatchSent, l.BatchId!), stages.BatchConfirmed, l.BatchId!);
            if (Get(stages.BatchConfirmed, l.BatchId!) is { } confirmed)
            {
                rows[5].Seconds.Add((l.RewardedAt!.Value - confirmed).TotalSeconds);
            }
        }

        Console.WriteLine();
        Console.WriteLine("Where the time goes, per learning (from the app's log lines, stamped on arrival, and the records' updatedAt):");
        Console.WriteLine($"  {"stage",-46} {"p50 s",7} {"p95 s",7} {"max s",7} {"seen",6}");
        foreach (var (stage, seconds) in rows)
        {
            seconds.Sort();
            Console.WriteLine(seconds.Count == 0
                ? $"  {stage,-46} {"-",7} {"-",7} {"-",7} {0,6}"
                : $"  {stage,-46} {Percentile(seconds, 0.5),7:0.00} {Percentile(seconds, 0.95),7:0.00} {seconds[^1],7:0.00} {seconds.Count,6}");
        }

        var pins = learnings.Select(l => stages.PinCount.GetValueOrDefault(l.Id)).ToList();
        Console.WriteLine($"  ({batches.Count} batches; pin log lines per learning {pins.Min()}–{pins.Max()}, gateway lines {learnings.Min(l => stages.VerifyCount.GetValueOrDefault(l.Id))}–{learnings.Max(l => stages.VerifyCount.GetValueOrDefault(l.Id))})");

        void Add(int row, DateTimeOffset? from, Dictionary<string, DateTimeOffset> to, string key)
        {
            if (from is { } start && to.TryGetValue(key, out var end))
            {
                rows[row].Seconds.Add((end - start).TotalSeconds);
            }
        }

        static DateTimeOffset? Get(Dictionary<string, DateTimeOffset> times, string key) => times.TryGetValue(key, out var at) ? at : null;
    }

    private static void Row(string figure, string measured, string target, bool? met) =>
        Console.WriteLine($"{figure,-44} {measured,12}   {target}{(met is null ? string.Empty : "  " + RunFigures.Verdict(met.Value))}");

    private static double Percentile(List<double> sorted, double p) =>
        sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];
}
