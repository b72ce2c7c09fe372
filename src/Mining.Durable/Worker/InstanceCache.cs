using System.Collections.Concurrent;
using Mining.Durable.Backend;

namespace Mining.Durable.Worker;

/// <summary>Keeps the last committed snapshot of running instances so an episode need not reload history.</summary>
/// <remarks>A cached snapshot is only a guess: the commit's ETag check rejects it if another worker moved the instance on,
/// and the entry is then dropped and reloaded.</remarks>
internal sealed class InstanceCache(int capacity = 10_000)
{
    private readonly ConcurrentDictionary<string, InstanceSnapshot> _entries = new(StringComparer.Ordinal);

    public InstanceSnapshot? Get(string instanceId) => _entries.TryGetValue(instanceId, out var snapshot) ? snapshot : null;

    public void Set(InstanceSnapshot snapshot)
    {
        if (_entries.Count >= capacity)
        {
            _entries.Clear();
        }

        _entries[snapshot.Record.InstanceId] = snapshot;
    }

    public void Remove(string instanceId) => _entries.TryRemove(instanceId, out _);
}
