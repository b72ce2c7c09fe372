using Microsoft.Extensions.Logging;

namespace Mining.Ethereum.Tests.Signing;

/// <summary>Keeps every log entry as text: the formatted message, its structured values and its exception.</summary>
internal sealed class CapturingLogger : ILogger
{
    private readonly List<string> _entries = [];

    public IReadOnlyList<string> Entries => _entries;

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        var values = state is IEnumerable<KeyValuePair<string, object?>> pairs ? string.Join(", ", pairs.Select(pair => $"{pair.Key}={pair.Value}")) : string.Empty;
        _entries.Add($"{logLevel} {formatter(state, exception)} [{values}] {exception}");
    }
}
