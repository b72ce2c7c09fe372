namespace Mining.DevStack;

/// <summary>The stack could not be brought up or down; the message says which part and what to do.</summary>
public class DevStackException : Exception
{
    public DevStackException(string message) : base(message) { }
    public DevStackException(string message, Exception inner) : base(message, inner) { }
}

/// <summary>A tool the stack needs (node, npm) is not installed.</summary>
public sealed class ToolMissingException(string tool, string howToInstall)
    : DevStackException($"'{tool}' was not found on PATH. {howToInstall}")
{
    public string Tool { get; } = tool;
}

/// <summary>A component's process ended before it became healthy.</summary>
public sealed class ComponentExitedException(string component, int exitCode, string logPath, string logTail)
    : DevStackException(
        $"{component} exited with code {exitCode} before it became healthy. Its log is {logPath}."
        + (logTail.Length > 0 ? $" Last lines:{Environment.NewLine}{logTail}" : string.Empty))
{
    public string Component { get; } = component;
    public int ExitCode { get; } = exitCode;
    public string LogPath { get; } = logPath;
}

/// <summary>A component kept running but never passed its health check.</summary>
public sealed class HealthCheckTimeoutException(string component, string check, TimeSpan waited, string logPath)
    : DevStackException(
        $"{component} did not pass its health check ({check}) within {waited.TotalSeconds:0} s. Its log is {logPath}.")
{
    public string Component { get; } = component;
    public TimeSpan Waited { get; } = waited;
}
