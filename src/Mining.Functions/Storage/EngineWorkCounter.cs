using System.Collections.Concurrent;

namespace Mining.Functions.Storage;

/// <summary>
/// Counts the work the in-process Durable Task engine ran since the service started: orchestration episodes (one work
/// item of an orchestration: its history replayed and new events applied) and activity executions, by name. The local
/// host fills it from the engine's dispatchers; under the Azure Functions host there is none. <c>GET
/// /api/operator/metrics</c> shows it, so the engine work per learning is measured, not counted from the code.
/// </summary>
internal sealed class EngineWorkCounter
{
    private readonly ConcurrentDictionary<string, long> _episodes = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, long> _activities = new(StringComparer.Ordinal);

    public IReadOnlyDictionary<string, long> Episodes => Snapshot(_episodes);

    public IReadOnlyDictionary<string, long> ActivityCalls => Snapshot(_activities);

    public void CountEpisode(string orchestration) => _episodes.AddOrUpdate(orchestration, 1, (_, n) => n + 1);

    public void CountActivityCall(string activity) => _activities.AddOrUpdate(activity, 1, (_, n) => n + 1);

    private static SortedDictionary<string, long> Snapshot(ConcurrentDictionary<string, long> counts) => new(counts, StringComparer.Ordinal);
}
