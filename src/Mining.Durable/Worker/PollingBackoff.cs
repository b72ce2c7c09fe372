namespace Mining.Durable.Worker;

/// <summary>Idle polling delay: starts at 10 ms and doubles up to the configured maximum; resets when work arrives.</summary>
internal sealed class PollingBackoff(TimeSpan max)
{
    private static readonly TimeSpan Min = TimeSpan.FromMilliseconds(10);
    private TimeSpan _next = Min;

    public TimeSpan Next()
    {
        var current = _next;
        _next = TimeSpan.FromTicks(Math.Min(_next.Ticks * 2, max.Ticks));
        return current < max ? current : max;
    }

    public void Reset() => _next = Min;
}
