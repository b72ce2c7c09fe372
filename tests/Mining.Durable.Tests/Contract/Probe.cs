using System.Collections.Concurrent;

namespace Mining.Durable.Tests.Contract;

/// <summary>What the test activities observed: calls per activity, attempt times, switches that change orchestrator code.</summary>
public sealed class Probe
{
    private readonly ConcurrentDictionary<string, int> _calls = new();

    public ConcurrentQueue<DateTimeOffset> Attempts { get; } = new();

    private volatile bool _useChangedCode;

    public bool UseChangedCode
    {
        get => _useChangedCode;
        set => _useChangedCode = value;
    }

    public int Calls(string activity) => _calls.TryGetValue(activity, out var n) ? n : 0;

    public int Count(string activity) => _calls.AddOrUpdate(activity, 1, (_, n) => n + 1);
}
