using System.CommandLine;
using System.Text.Json;
using Mining.Cli.Learnings;
using Mining.Cli.Service;

namespace Mining.Cli.Credentials;

/// <summary><c>mining audit [--all] [--continuation TOKEN]</c> (contributor key): the audit trail of key and webhook changes, newest first.</summary>
internal static class AuditCommand
{
    public static Command Create()
    {
        var all = new Option<bool>("--all") { Description = "Read every page (the service lists 100 entries a page)." };
        var continuation = new Option<string?>("--continuation") { Description = "Start at this page (the token a previous page printed).", HelpName = "TOKEN" };
        return ServiceCommand.Create("audit", "The audit trail of your keys and webhook: who changed what and when, newest first.", async (parseResult, api, json, cancellationToken) =>
        {
            var items = new List<JsonElement>();
            var next = parseResult.GetValue(continuation);
            do
            {
                var page = await api.GetJsonAsync("api/audit" + MiningApi.Query(("continuation", next)), cancellationToken);
                items.AddRange(page.GetProperty("items").EnumerateArray());
                next = LearningView.Text(page, "continuation");
            }
            while (next is not null && parseResult.GetValue(all));

            if (!json)
            {
                foreach (var entry in items)
                {
                    var by = LearningView.Text(entry, "byKeyId") is { } key ? $" ({key})" : string.Empty;
                    Console.Out.WriteLine($"{KeyLines.Date(entry, "at")}  {LearningView.Text(entry, "action"),-22}  {LearningView.Text(entry, "actor")}{by}  {LearningView.Text(entry, "detail")}");
                }

                Console.Out.WriteLine(next is null ? $"{items.Count} entr{(items.Count == 1 ? "y" : "ies")}" : $"{items.Count} entries; older ones: 'mining audit --continuation {next}' (or --all)");
            }

            return new { items, continuation = next };
        }, all, continuation);
    }
}
