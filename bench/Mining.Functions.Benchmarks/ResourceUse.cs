using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;

namespace Mining.Functions.Benchmarks;

/// <summary>A process whose CPU time the run follows; <paramref name="Group"/> counts its whole process group (a stack component).</summary>
internal sealed record WatchedProcess(string Name, int Pid, bool Group);

/// <summary>
/// What the app and the stack had used at one moment: the app's storage operations (<c>GET /api/operator/metrics</c>)
/// and each watched process's CPU time (<c>/proc/&lt;pid&gt;/stat</c> utime + stime). Two of them give the cost of the
/// learnings published in between.
/// </summary>
internal sealed record ResourceUse(
    DateTimeOffset At,
    IReadOnlyDictionary<string, long> Storage,
    IReadOnlyDictionary<string, double> CpuSeconds,
    IReadOnlyDictionary<string, long> Episodes,
    IReadOnlyDictionary<string, long> ActivityCalls)
{
    private const double ClockTicksPerSecond = 100;

    private static readonly (string Label, string Part, string Name)[] StorageRows =
    [
        ("app table", "app", "table"),
        ("app blob", "app", "blob"),
        ("engine table", "engine", "table"),
        ("engine queue", "engine", "queue"),
        ("engine blob", "engine", "blob"),
        ("total", "", "total"),
    ];

    public static async Task<ResourceUse> TakeAsync(HttpClient api, string operatorKey, IReadOnlyList<WatchedProcess> processes)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("api/operator/metrics", UriKind.Relative));
        request.Headers.Add("X-Api-Key", operatorKey);
        using var response = await api.SendAsync(request);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"GET /api/operator/metrics returned {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }

        var metrics = await response.Content.ReadFromJsonAsync<JsonElement>();
        var operations = metrics.GetProperty("storageOperations");
        var storage = StorageRows.ToDictionary(
            r => r.Label,
            r => (r.Part.Length == 0 ? operations : operations.GetProperty(r.Part)).GetProperty(r.Name).GetInt64());
        var work = metrics.GetProperty("engineWork");
        return new ResourceUse(
            DateTimeOffset.UtcNow, storage, processes.ToDictionary(p => p.Name, CpuSecondsOf), Counts(work, "episodes"), Counts(work, "activityCalls"));
    }

    /// <summary>Orchestration episodes and activity calls per learning between two readings, in total.</summary>
    public static (double Episodes, double ActivityCalls) WorkPerLearning(ResourceUse start, ResourceUse end, int learnings) =>
        ((double)Delta(start.Episodes, end.Episodes).Values.Sum() / learnings, (double)Delta(start.ActivityCalls, end.ActivityCalls).Values.Sum() / learnings);

    /// <summary>Prints the engine's orchestration episodes and activity calls per learning, by name, between the readings.</summary>
    public static void PrintWork(ResourceUse start, ResourceUse end, int learnings)
    {
        Console.WriteLine();
        Console.WriteLine($"Engine work per learning ({learnings} learnings; the engine's dispatchers, counted by the local host; a batch's share included):");
        foreach (var (title, counts) in new[] { ("orchestration episodes", Delta(start.Episodes, end.Episodes)), ("activity calls", Delta(start.ActivityCalls, end.ActivityCalls)) })
        {
            Console.WriteLine($"  {title}: {(double)counts.Values.Sum() / learnings:0.00}");
            foreach (var (name, count) in counts.Where(c => c.Value > 0).OrderByDescending(c => c.Value))
            {
                Console.WriteLine($"    {name,-28} {count,8} {(double)count / learnings,8:0.00}");
            }
        }
    }

    private static Dictionary<string, long> Delta(IReadOnlyDictionary<string, long> start, IReadOnlyDictionary<string, long> end) =>
        end.ToDictionary(e => e.Key, e => e.Value - start.GetValueOrDefault(e.Key));

    private static Dictionary<string, long> Counts(JsonElement work, string name) =>
        work.ValueKind == JsonValueKind.Object
            ? work.GetProperty(name).EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetInt64())
            : throw new InvalidOperationException("The app reports no engine work (engineWork is null): run the local host, which runs the engine in process.");

    /// <summary>Prints storage operations and CPU seconds per learning between <paramref name="start"/> and <paramref name="end"/>.</summary>
    public static void Print(ResourceUse start, ResourceUse end, int learnings, bool sharedStack)
    {
        var seconds = (end.At - start.At).TotalSeconds;
        Console.WriteLine();
        Console.WriteLine($"Storage operations per learning ({learnings} learnings; the app's /api/operator/metrics before the submissions and at the end, {seconds:0} s apart):");
        Console.WriteLine($"  {"operations",-28} {"in the run",11} {"per learning",13}");
        foreach (var (label, _, _) in StorageRows)
        {
            var delta = end.Storage[label] - start.Storage[label];
            Console.WriteLine($"  {label,-28} {delta,11} {(double)delta / learnings,13:0.0}");
        }

        Console.WriteLine();
        Console.WriteLine($"CPU seconds per learning (utime + stime from /proc over the same {seconds:0} s; a core is {seconds:0} CPU seconds"
            + (sharedStack ? "; shared stack: other users' work on it is included" : string.Empty) + "):");
        Console.WriteLine($"  {"process",-10} {"CPU s",9} {"per learning",13} {"cores",6}");
        foreach (var name in end.CpuSeconds.Keys)
        {
            var cpu = end.CpuSeconds[name] - start.CpuSeconds.GetValueOrDefault(name);
            Console.WriteLine(double.IsNaN(cpu)
                ? $"  {name,-10} {"n/a",9} (the process was not found)"
                : $"  {name,-10} {cpu,9:0.0} {cpu / learnings,13:0.000} {cpu / seconds,6:0.00}");
        }
    }

    /// <summary>CPU seconds used so far by the process, or by every live member of its process group; NaN when it is gone.</summary>
    private static double CpuSecondsOf(WatchedProcess process)
    {
        if (!process.Group)
        {
            return Stat(process.Pid) is { } own ? own.Ticks / ClockTicksPerSecond : double.NaN;
        }

        var ticks = 0L;
        var found = false;
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(dir), NumberStyles.None, CultureInfo.InvariantCulture, out var pid)
                && Stat(pid) is { } stat && stat.Group == process.Pid)
            {
                ticks += stat.Ticks;
                found = true;
            }
        }

        return found ? ticks / ClockTicksPerSecond : double.NaN;
    }

    /// <summary>A process's group and its utime + stime in clock ticks, or null when it does not exist.</summary>
    private static (int Group, long Ticks)? Stat(int pid)
    {
        string text;
        try
        {
            text = File.ReadAllText($"/proc/{pid}/stat");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }

        // Field 2 (the command) is in parentheses and may hold spaces; after it: state, ppid, pgrp, …, utime (14), stime (15).
        var fields = text[(text.LastIndexOf(')') + 2)..].Split(' ');
        return (int.Parse(fields[2], CultureInfo.InvariantCulture),
            long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture));
    }
}
