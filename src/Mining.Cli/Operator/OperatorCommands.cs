using System.CommandLine;
using System.Text.Json;
using Mining.Cli.Learnings;
using Mining.Cli.Service;

namespace Mining.Cli.Operator;

/// <summary>The operator's other commands (operator key): <c>alerts</c>, <c>pause-all</c>, <c>resume-all</c>, <c>metrics</c>.</summary>
internal static class OperatorCommands
{
    public static Command Alerts() => ServiceCommand.Create("alerts", "Operator: the alerts raised (dead letters, funds, availability), newest as the service lists them.", async (_, api, json, cancellationToken) =>
    {
        var alerts = await api.GetJsonAsync("api/alerts", cancellationToken);
        if (!json)
        {
            var items = alerts.GetProperty("items").EnumerateArray().ToList();
            foreach (var alert in items)
            {
                var channels = alert.TryGetProperty("channels", out var c) && c.ValueKind == JsonValueKind.Array ? string.Join(",", c.EnumerateArray().Select(x => x.GetString())) : string.Empty;
                Console.Out.WriteLine($"{LearningView.Text(alert, "raisedAt")}  {LearningView.Text(alert, "key")}  {LearningView.Text(alert, "subject")}"
                    + (LearningView.Text(alert, "sentAt") is null ? "  (not sent yet)" : $"  sent by {channels}"));
            }

            Console.Out.WriteLine($"{items.Count} alert(s)");
        }

        return alerts;
    });

    public static Command Pause(bool paused) => ServiceCommand.Create(
        paused ? "pause-all" : "resume-all",
        paused ? "Operator: hold every contributor's learnings before their next step." : "Operator: continue every held learning where it stopped.",
        async (_, api, json, cancellationToken) =>
        {
            var answer = await api.SendJsonAsync(HttpMethod.Post, paused ? "api/operator/uploads/pause" : "api/operator/uploads/resume", null, cancellationToken);
            if (!json)
            {
                Console.Out.WriteLine(paused
                    ? "Every contributor's learnings are held before their next step; 'mining resume-all' continues them."
                    : $"Resumed: {(answer.TryGetProperty("resumed", out var r) ? r.ToString() : "every")} learning(s) continue where they stopped.");
            }

            return answer;
        });

    public static Command Metrics() => ServiceCommand.Create("metrics", "Operator: storage requests since the service started (the app's and the engine's).", async (_, api, json, cancellationToken) =>
    {
        var metrics = await api.GetJsonAsync("api/operator/metrics", cancellationToken);
        if (!json)
        {
            var operations = metrics.GetProperty("storageOperations");
            Console.Out.WriteLine($"since   {LearningView.Text(metrics, "since")}");
            Console.Out.WriteLine($"app     {Counts(operations.GetProperty("app"))}");
            Console.Out.WriteLine($"engine  {(operations.GetProperty("engine").ValueKind == JsonValueKind.Object ? Counts(operations.GetProperty("engine")) : "counted by the Functions host")}");
            Console.Out.WriteLine($"total   {operations.GetProperty("total")} storage requests");
        }

        return metrics;
    });

    private static string Counts(JsonElement counts) => string.Join(", ", counts.EnumerateObject().Select(p => $"{p.Name} {p.Value}"));
}
