using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Mining.Cli.Service;

namespace Mining.Cli.Controls;

/// <summary>
/// <c>mining settings</c>: shows the privacy controls; its options change them — uploads opt-in, local-only mode, the
/// approval timeout, the approval channel (PUT /api/settings with the other fields kept) — and pause or resume every
/// learning of yours (POST /api/uploads/pause, /resume).
/// </summary>
internal static class SettingsCommand
{
    public static Command Create()
    {
        var uploads = OnOff("--uploads", "Opt in to (on) or out of (off) uploads; off by default, and every learning still needs its own approval.");
        var localOnly = OnOff("--local-only", "on: nothing of yours leaves the service's storage.");
        var timeout = new Option<string?>("--approval-timeout")
        {
            Description = "How long an approval request stays open, as [d.]hh:mm:ss (e.g. 1.00:00:00), or 'default' for the service's.",
            HelpName = "TIMESPAN",
        };
        var channel = new Option<string?>("--channel") { Description = "Where approval requests go.", HelpName = "email|webhook|console" };
        channel.AcceptOnlyFromAmong("email", "webhook", "console");
        var pause = new Option<bool>("--pause") { Description = "Hold every learning of yours before its next step." };
        var resume = new Option<bool>("--resume") { Description = "Continue every held learning where it stopped." };
        return ServiceCommand.Create("settings", "Show your privacy controls, or change them: uploads opt-in, local-only, pause/resume, approval timeout, channel.", async (parseResult, api, json, cancellationToken) =>
        {
            if (parseResult.GetValue(pause) && parseResult.GetValue(resume))
            {
                throw new CliException(ExitCodes.Usage, "--pause and --resume contradict each other: give one.");
            }

            var changes = new Dictionary<string, JsonNode?>();
            if (parseResult.GetValue(uploads) is { } u)
            {
                changes["uploadsEnabled"] = u == "on";
            }

            if (parseResult.GetValue(localOnly) is { } l)
            {
                changes["localOnly"] = l == "on";
            }

            if (parseResult.GetValue(timeout) is { } t)
            {
                changes["approvalTimeout"] = t == "default" ? null : Timeout(t);
            }

            if (parseResult.GetValue(channel) is { } c)
            {
                changes["notificationChannel"] = c;
            }

            if (changes.Count > 0)
            {
                var current = JsonNode.Parse((await api.GetJsonAsync("api/settings", cancellationToken)).GetRawText())!.AsObject();
                foreach (var (name, value) in changes)
                {
                    current[name] = value;
                }

                await api.SendJsonAsync(HttpMethod.Put, "api/settings", current, cancellationToken);
            }

            var resumed = 0;
            if (parseResult.GetValue(pause) || parseResult.GetValue(resume))
            {
                var answer = await api.SendJsonAsync(HttpMethod.Post, parseResult.GetValue(pause) ? "api/uploads/pause" : "api/uploads/resume", null, cancellationToken);
                resumed = answer.TryGetProperty("resumed", out var r) ? r.GetInt32() : 0;
            }

            var settings = await api.GetJsonAsync("api/settings", cancellationToken);
            if (!json)
            {
                Print(settings, parseResult.GetValue(resume) ? resumed : null);
            }

            return settings;
        }, uploads, localOnly, timeout, channel, pause, resume);
    }

    private static Option<string?> OnOff(string name, string description)
    {
        var option = new Option<string?>(name) { Description = description, HelpName = "on|off" };
        option.AcceptOnlyFromAmong("on", "off");
        return option;
    }

    private static string Timeout(string text) =>
        TimeSpan.TryParseExact(text, "c", CultureInfo.InvariantCulture, out var span) && span > TimeSpan.Zero
            ? span.ToString("c", CultureInfo.InvariantCulture)
            : throw new CliException(ExitCodes.Usage, $"--approval-timeout must be a positive time span written [d.]hh:mm:ss (e.g. 1.00:00:00 for a day) or 'default', not '{text}'.");

    private static void Print(JsonElement settings, int? resumed)
    {
        Console.Out.WriteLine($"uploads           {(Flag(settings, "uploadsEnabled") ? "on" : "off (opt-in: nothing is published)")}");
        Console.Out.WriteLine($"local-only        {(Flag(settings, "localOnly") ? "on (nothing leaves the service)" : "off")}");
        Console.Out.WriteLine($"paused            {(Flag(settings, "paused") ? "yes (no learning starts a new step)" : "no")}");
        Console.Out.WriteLine($"approval timeout  {Value(settings, "approvalTimeout") ?? "the service's default"}");
        Console.Out.WriteLine($"channel           {Value(settings, "notificationChannel") ?? "email"}");
        Console.Out.WriteLine($"webhook           {Value(settings, "webhookUrl") ?? "none"}");
        if (resumed is { } count)
        {
            Console.Out.WriteLine($"resumed           {count} learning(s)");
        }
    }

    private static bool Flag(JsonElement settings, string name) => settings.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.True;

    private static string? Value(JsonElement settings, string name) =>
        settings.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
