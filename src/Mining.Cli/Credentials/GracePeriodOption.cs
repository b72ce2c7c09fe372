using System.CommandLine;
using System.Globalization;

namespace Mining.Cli.Credentials;

/// <summary>
/// <c>--grace-period [d.]hh:mm:ss</c> of a rotation: how long the replaced key or secret keeps working (the service's
/// default, 1 hour, when left out; 00:00:00 stops it at once; at most 7 days).
/// </summary>
internal static class GracePeriodOption
{
    public static Option<string?> Create(string what) => new("--grace-period")
    {
        Description = $"How long the replaced {what} keeps working, [d.]hh:mm:ss from 00:00:00 (stops at once) to 7.00:00:00; default 01:00:00.",
        HelpName = "TIMESPAN",
    };

    /// <summary>The rotation's JSON body, or null (no body: the service's default grace period).</summary>
    public static object? Body(string? text) =>
        text is null ? null
        : TimeSpan.TryParseExact(text, "c", CultureInfo.InvariantCulture, out var span) && span >= TimeSpan.Zero
            ? new { gracePeriod = span.ToString("c", CultureInfo.InvariantCulture) }
            : throw new CliException(ExitCodes.Usage, $"--grace-period must be a time span written [d.]hh:mm:ss (e.g. 01:00:00, or 00:00:00 to stop the old one at once), not '{text}'.");
}
