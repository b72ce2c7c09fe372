using System.Collections.Concurrent;

namespace Mining.Functions.Storage;

/// <summary>
/// Values this process read or wrote recently, by key, each for <paramref name="lifetime"/>; at most
/// <paramref name="limit"/> entries (then it starts over). Nothing is kept for a miss. The stores that use it say what
/// a remembered value may be used for.
/// </summary>
internal sealed class Remembered<T>(TimeProvider time, TimeSpan lifetime, int limit)
    where T : class
{
    private readonly ConcurrentDictionary<string, (T Value, DateTimeOffset Until)> _entries = new(StringComparer.Ordinal);

    public T? Get(string key) =>
        _entries.TryGetValue(key, out var entry) && entry.Until > time.GetUtcNow() ? entry.Value : null;

    public void Set(string key, T? value)
    {
        if (value is null)
        {
            return;
        }

        if (_entries.Count >= limit)
        {
            _entries.Clear();
        }

        _entries[key] = (value, time.GetUtcNow() + lifetime);
    }

    public void Forget(string key) => _entries.TryRemove(key, out _);
}
