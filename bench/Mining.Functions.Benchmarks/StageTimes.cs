using System.Text.RegularExpressions;

namespace Mining.Functions.Benchmarks;

/// <summary>A batch as the app's log and the learnings' records show it.</summary>
internal sealed record BatchTimes(string BatchId, int Size, DateTimeOffset? Prepared, DateTimeOffset? Sent, DateTimeOffset? Confirmed, string? TransactionHash);

/// <summary>
/// Stage times read from the app's log lines (each stamped when it arrived): when a learning's pins and gateway checks
/// finished, when its batch was prepared, sent and seen confirmed.
/// </summary>
internal sealed partial class StageTimes
{
    public Dictionary<string, DateTimeOffset> Pinned { get; } = [];
    public Dictionary<string, int> PinCount { get; } = [];
    public Dictionary<string, DateTimeOffset> Verified { get; } = [];
    public Dictionary<string, int> VerifyCount { get; } = [];
    public Dictionary<string, DateTimeOffset> BatchPrepared { get; } = [];
    public Dictionary<string, DateTimeOffset> BatchSent { get; } = [];
    public Dictionary<string, DateTimeOffset> BatchConfirmed { get; } = [];

    public static StageTimes Parse(IEnumerable<(DateTimeOffset At, string Line)> lines)
    {
        var times = new StageTimes();
        foreach (var (at, line) in lines)
        {
            if (PinnedLine().Match(line) is { Success: true } pinned)
            {
                Latest(times.Pinned, times.PinCount, pinned.Groups[1].Value, at);
            }
            else if (VerifiedLine().Match(line) is { Success: true } verified)
            {
                Latest(times.Verified, times.VerifyCount, verified.Groups[1].Value, at);
            }
            else if (PreparedLine().Match(line) is { Success: true } prepared)
            {
                times.BatchPrepared.TryAdd(prepared.Groups[1].Value, at);
            }
            else if (SentLine().Match(line) is { Success: true } sent)
            {
                times.BatchSent.TryAdd(sent.Groups[1].Value, at);
            }
            else if (ConfirmedLine().Match(line) is { Success: true } confirmed)
            {
                times.BatchConfirmed.TryAdd(confirmed.Groups[1].Value, at);
            }
        }

        return times;
    }

    private static void Latest(Dictionary<string, DateTimeOffset> times, Dictionary<string, int> counts, string id, DateTimeOffset at)
    {
        times[id] = times.TryGetValue(id, out var seen) && seen > at ? seen : at;
        counts[id] = counts.GetValueOrDefault(id) + 1;
    }

    [GeneratedRegex(@"Pinned learning (\S+) \(CID")]
    private static partial Regex PinnedLine();

    [GeneratedRegex(@"answered Verified for learning (\S+) \(CID")]
    private static partial Regex VerifiedLine();

    [GeneratedRegex(@"Prepared batch (\S+): \d+ learnings")]
    private static partial Regex PreparedLine();

    [GeneratedRegex(@"Sent the anchor transaction \S+ of batch (\S+) ")]
    private static partial Regex SentLine();

    [GeneratedRegex(@"Batch (\S+) confirmed: ")]
    private static partial Regex ConfirmedLine();
}
