using Spectre.Console;

namespace Mining.Cli;

/// <summary>
/// Asks before an irreversible step: on a terminal a yes/no prompt (default no); with standard input redirected, one line
/// of it (<c>y</c> or <c>yes</c> agrees). <c>--yes</c> skips the question for scripts.
/// </summary>
internal static class Confirmation
{
    public static bool Ask(string question, bool yes)
    {
        if (yes)
        {
            return true;
        }

        if (Console.IsInputRedirected)
        {
            Console.Error.Write(question + " [y/N] ");
            var answer = Console.In.ReadLine()?.Trim();
            Console.Error.WriteLine();
            return string.Equals(answer, "y", StringComparison.OrdinalIgnoreCase) || string.Equals(answer, "yes", StringComparison.OrdinalIgnoreCase);
        }

        return AnsiConsole.Confirm(question.EscapeMarkup(), defaultValue: false);
    }
}
