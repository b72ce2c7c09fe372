using System.Diagnostics;
using System.Security.Cryptography;
using Mining.Ipfs.UnixFs;

namespace Mining.Ipfs.Benchmarks;

/// <summary>CID computation throughput as a ratio to plain SHA-256 over the same bytes, interleaved to share noise.</summary>
internal static class CidThroughput
{
    private const int Rounds = 21;

    public static void Run()
    {
        Console.WriteLine("CID throughput / SHA-256 throughput (same bytes, same run; target >= 0.9 single block, >= 0.8 for 100 MiB)");
        foreach (var size in new[] { 1024, 50 * 1024, 256 * 1024 })
        {
            var document = Bytes(size);
            var iterations = Math.Max(Rounds * 20, 256 * 1024 * 1024 / size);
            foreach (var (name, profile) in Profiles())
            {
                var rounds = Measure(iterations, () => SHA256.HashData(document), () => UnixFsImporter.ComputeCid(document, profile));
                Print($"single block {size / 1024} KiB, {name}", size, iterations, rounds);
            }
        }

        var file = Bytes(100 * 1024 * 1024);
        foreach (var (name, profile) in Profiles())
        {
            var rounds = Measure(Rounds, () => SHA256.HashData(file), () => UnixFsImporter.ImportAsync(file, profile).GetAwaiter().GetResult());
            Print($"100 MiB file, {name}", file.Length, Rounds, rounds);
        }
    }

    private static IEnumerable<(string Name, UnixFsImportOptions Profile)> Profiles() =>
        [("CIDv1 raw leaves", UnixFsImportOptions.KuboCidV1), ("CIDv0 dag-pb", UnixFsImportOptions.KuboCidV0)];

    /// <summary>Alternates short rounds of both so both see the same machine load; returns per-round times, paired.</summary>
    private static List<(TimeSpan Sha, TimeSpan Cid)> Measure(int iterations, Action sha, Action cid)
    {
        sha();
        cid();
        var rounds = new List<(TimeSpan, TimeSpan)>();
        var perRound = Math.Max(1, iterations / Rounds);
        for (var round = 0; round < Rounds; round++)
        {
            var start = Stopwatch.GetTimestamp();
            for (var i = 0; i < perRound; i++)
            {
                sha();
            }

            var shaTime = Stopwatch.GetElapsedTime(start);
            start = Stopwatch.GetTimestamp();
            for (var i = 0; i < perRound; i++)
            {
                cid();
            }

            rounds.Add((shaTime, Stopwatch.GetElapsedTime(start)));
        }

        return rounds;
    }

    /// <summary>Prints the median of the per-round ratios (robust to other processes' bursts on a shared machine).</summary>
    private static void Print(string what, int size, int iterations, List<(TimeSpan Sha, TimeSpan Cid)> rounds)
    {
        var ratio = rounds.Select(r => r.Sha / r.Cid).Order().ElementAt(rounds.Count / 2);
        var bytes = (double)size * Math.Max(1, iterations / Rounds) * rounds.Count;
        var cid = rounds.Aggregate(TimeSpan.Zero, (t, r) => t + r.Cid);
        var sha = rounds.Aggregate(TimeSpan.Zero, (t, r) => t + r.Sha);
        Console.WriteLine(
            $"  {what,-38} ratio {ratio,5:F2}   (CID {bytes / cid.TotalSeconds / 1e6,6:F0} MB/s, SHA-256 {bytes / sha.TotalSeconds / 1e6,6:F0} MB/s)");
    }

    private static byte[] Bytes(int size)
    {
        var bytes = new byte[size];
        new Random(42).NextBytes(bytes);
        return bytes;
    }
}
