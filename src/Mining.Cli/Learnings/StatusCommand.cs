using System.CommandLine;
using System.Text.Json;
using Mining.Cli.Service;

namespace Mining.Cli.Learnings;

/// <summary>
/// <c>mining status [ID] [--watch]</c>: where a learning is (or, without an id, every learning not yet at an end), one
/// line each. <c>--watch</c> prints a new line whenever one changes, until each has ended; the exit code is 0 when all
/// were rewarded and <see cref="ExitCodes.NotRewarded"/> otherwise.
/// </summary>
internal static class StatusCommand
{
    public static Command Create()
    {
        var id = new Argument<string?>("ID") { Description = "A learning's id (lrn_…); without it, every learning of yours that has not ended.", Arity = ArgumentArity.ZeroOrOne };
        var watch = new Option<bool>("--watch", "-w") { Description = "Follow the stages live until each learning has ended (Rewarded, or why not)." };
        var interval = new Option<double>("--interval")
        {
            Description = "Seconds between two looks while watching.",
            DefaultValueFactory = _ => 1,
            HelpName = "SECONDS",
        };
        return ServiceCommand.Create("status", "Show where your learnings are; --watch follows them through the stages to Rewarded.", async (parseResult, api, json, cancellationToken) =>
        {
            var one = parseResult.GetValue(id);
            var records = one is null
                ? (await LearningPages.AllAsync(api, null, cancellationToken)).Where(r => !LearningView.HasEnded(r)).ToList()
                : [await LearningPages.OneAsync(api, one, cancellationToken)];
            if (records.Count == 0 && !json)
            {
                Console.Out.WriteLine("No learning is on its way; 'mining list' shows them all.");
            }

            var shown = new Dictionary<string, string>();
            Show(records, shown, json);
            if (parseResult.GetValue(watch))
            {
                var pause = TimeSpan.FromSeconds(Math.Clamp(parseResult.GetValue(interval), 0.2, 60));
                while (records.Any(r => !LearningView.HasEnded(r)))
                {
                    await Task.Delay(pause, cancellationToken);
                    var next = new List<JsonElement>();
                    foreach (var record in records)
                    {
                        next.Add(LearningView.HasEnded(record) ? record : await LearningPages.OneAsync(api, LearningView.Id(record), cancellationToken));
                    }

                    records = next;
                    Show(records, shown, json);
                }

                var unrewarded = records.Where(r => LearningView.Status(r) != "Rewarded").ToList();
                if (unrewarded.Count > 0)
                {
                    return new CliOutcome(Result(one, records), ExitCodes.NotRewarded,
                        $"{unrewarded.Count} learning(s) ended without a reward: {string.Join(", ", unrewarded.Select(r => $"{LearningView.Id(r)} {LearningView.Status(r)}"))}.");
                }
            }

            return Result(one, records);
        }, id, watch, interval);
    }

    private static JsonElement Result(string? one, List<JsonElement> records) => one is null ? JsonSerializer.SerializeToElement(new { items = records }) : records[0];

    private static void Show(List<JsonElement> records, Dictionary<string, string> shown, bool json)
    {
        foreach (var record in records)
        {
            var line = LearningView.Line(record);
            if (shown.GetValueOrDefault(LearningView.Id(record)) != line)
            {
                shown[LearningView.Id(record)] = line;
                if (!json)
                {
                    Console.Out.WriteLine($"{DateTimeOffset.Now:HH:mm:ss}  {line}");
                }
            }
        }
    }
}
