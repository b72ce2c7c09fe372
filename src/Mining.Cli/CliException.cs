namespace Mining.Cli;

/// <summary>A failure the user can act on: its message is printed as is and the process exits with <see cref="ExitCode"/>.</summary>
internal sealed class CliException(int exitCode, string message, Exception? innerException = null) : Exception(message, innerException)
{
    public int ExitCode { get; } = exitCode;
}
