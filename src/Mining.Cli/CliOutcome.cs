namespace Mining.Cli;

/// <summary>A result that ends with an exit code other than 0 without being an error: printed as usual, then <see cref="Message"/> on stderr.</summary>
internal sealed record CliOutcome(object Value, int ExitCode, string Message);
