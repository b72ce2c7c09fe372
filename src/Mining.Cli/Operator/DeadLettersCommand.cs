using System.CommandLine;
using System.Text.Json;
using Mining.Cli.Learnings;
using Mining.Cli.Service;

namespace Mining.Cli.Operator;

/// <summary>
/// <c>mining deadletters list|show|replay|delete</c> (operator key): failures waiting for a decision, their audit trail,
/// replaying one from its failed stage (asking twice has no second effect), giving one up with a reason.
/// </summary>
internal static class DeadLettersCommand
{
    public static Command Create() => new("deadletters", "Operator: failures waiting for a decision; replay or delete them (operator key).")
    {
        List(), Show(), Replay(), Delete(),
    };

    private static Command List()
    {
        var stage = new Option<string?>("--stage") { Description = "Only this failed stage (Pinning, Verifying, Anchoring, Rewarding, Engine).", HelpName = "STAGE" };
        var state = new Option<string?>("--state") { Description = "Only this state (Open, Replayed, Deleted).", HelpName = "STATE" };
        var minAge = new Option<string?>("--min-age") { Description = "Failed at least this long ago, [d.]hh:mm:ss.", HelpName = "TIMESPAN" };
        var maxAge = new Option<string?>("--max-age") { Description = "Failed at most this long ago, [d.]hh:mm:ss.", HelpName = "TIMESPAN" };
        return ServiceCommand.Create("list", "List dead letters, newest first.", async (parseResult, api, json, cancellationToken) =>
        {
            var query = MiningApi.Query(("stage", parseResult.GetValue(stage)), ("state", parseResult.GetValue(state)),
                ("minAge", parseResult.GetValue(minAge)), ("maxAge", parseResult.GetValue(maxAge)));
            var list = await api.GetJsonAsync("api/deadletters" + query, cancellationToken);
            if (!json)
            {
                var items = list.GetProperty("items").EnumerateArray().ToList();
                foreach (var item in items)
                {
                    Console.Out.WriteLine(Line(item));
                }

                Console.Out.WriteLine($"{items.Count} dead letter(s)");
            }

            return list;
        }, stage, state, minAge, maxAge);
    }

    private static Command Show()
    {
        var id = Id();
        return ServiceCommand.Create("show", "Show one dead letter with its error and audit trail.", async (parseResult, api, json, cancellationToken) =>
        {
            var view = await api.GetJsonAsync("api/deadletters/" + MiningApi.Segment(parseResult.GetValue(id)!), cancellationToken);
            if (!json)
            {
                var record = view.GetProperty("deadLetter");
                Console.Out.WriteLine(Line(record));
                Console.Out.WriteLine($"  error: {LearningView.Text(record, "error")}");
                foreach (var learning in record.TryGetProperty("learnings", out var l) ? l.EnumerateArray() : default)
                {
                    Console.Out.WriteLine($"  holds {LearningView.Text(learning, "learningId")} (CID {LearningView.Text(learning, "cid")})");
                }

                foreach (var entry in view.GetProperty("audit").EnumerateArray())
                {
                    Console.Out.WriteLine($"  {LearningView.Text(entry, "at")}  {LearningView.Text(entry, "action")} (generation {entry.GetProperty("generation")}) {LearningView.Text(entry, "detail")}");
                }
            }

            return view;
        }, id);
    }

    private static Command Replay()
    {
        var id = Id();
        return ServiceCommand.Create("replay", "Run a dead letter's failed stage again (a second replay has no second effect).", async (parseResult, api, json, cancellationToken) =>
        {
            var answer = await api.SendJsonAsync(HttpMethod.Post, $"api/deadletters/{MiningApi.Segment(parseResult.GetValue(id)!)}/replay", null, cancellationToken);
            if (!json)
            {
                var record = answer.GetProperty("deadLetter");
                Console.Out.WriteLine(answer.GetProperty("alreadyReplayed").GetBoolean()
                    ? $"{LearningView.Text(record, "id")} was already replayed (generation {record.GetProperty("generation")}); nothing more was done."
                    : $"Replayed {LearningView.Text(record, "id")}: its {LearningView.Text(record, "stage")} stage runs again (generation {record.GetProperty("generation")}).");
            }

            return answer;
        }, id);
    }

    private static Command Delete()
    {
        var id = Id();
        var reason = new Option<string>("--reason") { Description = "Why it is given up (kept in the audit trail), 1–500 characters.", Required = true, HelpName = "TEXT" };
        var yes = new Option<bool>("--yes", "-y") { Description = "Delete without asking (scripts)." };
        return ServiceCommand.Create("delete", "Give a dead letter up: its learnings end as Failed; the reason stays in the audit trail.", async (parseResult, api, json, cancellationToken) =>
        {
            var deadLetter = parseResult.GetValue(id)!;
            if (!Confirmation.Ask($"Give up {deadLetter}? Its learnings end as Failed and cannot be replayed.", parseResult.GetValue(yes)))
            {
                return new CliOutcome(new { id = deadLetter, deleted = false }, ExitCodes.Declined, $"Nothing was deleted: {deadLetter} stays as it is.");
            }

            var answer = await api.SendJsonAsync(HttpMethod.Delete, "api/deadletters/" + MiningApi.Segment(deadLetter), new { reason = parseResult.GetValue(reason) }, cancellationToken);
            if (!json)
            {
                Console.Out.WriteLine(answer.GetProperty("alreadyDeleted").GetBoolean() ? $"{deadLetter} was already deleted." : $"Deleted {deadLetter}; its learnings end as Failed.");
            }

            return answer;
        }, id, reason, yes);
    }

    private static Argument<string> Id() => new("ID") { Description = "The dead letter's id (dl_…)." };

    private static string Line(JsonElement record)
    {
        var learnings = record.TryGetProperty("learnings", out var l) && l.ValueKind == JsonValueKind.Array ? l.GetArrayLength() : 0;
        var error = LearningView.Text(record, "error") ?? string.Empty;
        return $"{LearningView.Text(record, "id")}  {LearningView.Text(record, "state"),-8}  {LearningView.Text(record, "stage"),-10}  {LearningView.Text(record, "kind"),-8}  "
            + $"failed {LearningView.Text(record, "failedAt")}  {learnings} learning(s)  {(error.Length > 100 ? error[..100] + "…" : error)}";
    }
}
