using System.Diagnostics;
using System.Globalization;

namespace Mining.Core.Benchmarks;

/// <summary>Latency percentiles, throughput and allocations of one operation over many runs.</summary>
internal sealed record Measurement(string Name, double P50Ms, double P99Ms, double MegabytesPerSecond, long AllocatedBytesPerRun)
{
    public static Measurement Run(string name, int bytesPerRun, int warmup, int runs, Action action)
    {
        for (var i = 0; i < warmup; i++)
        {
            action();
        }

        var samples = new double[runs];
        var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < runs; i++)
        {
            var start = Stopwatch.GetTimestamp();
            action();
            samples[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        }

        var allocated = (GC.GetAllocatedBytesForCurrentThread() - allocatedBefore) / runs;
        Array.Sort(samples);
        var p50 = samples[runs / 2];
        var p99 = samples[Math.Min(runs - 1, (int)Math.Ceiling(runs * 0.99) - 1)];
        return new Measurement(name, p50, p99, bytesPerRun / 1e6 / (p50 / 1e3), allocated);
    }

    public string Format() => string.Create(
        CultureInfo.InvariantCulture,
        $"{Name,-34} p50 {P50Ms,8:F3} ms   p99 {P99Ms,8:F3} ms   {MegabytesPerSecond,9:F1} MB/s   {AllocatedBytesPerRun / 1024.0,9:F1} KiB/doc");
}
