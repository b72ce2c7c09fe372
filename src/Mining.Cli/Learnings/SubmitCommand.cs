using System.CommandLine;
using System.Text.Json;
using Mining.Cli.Service;

namespace Mining.Cli.Learnings;

/// <summary>
/// <c>mining submit FILE|DIR</c>: hands in one learning, or every <c>*.json</c> of a folder (in name order). Each accepted
/// learning shows its id and CID; each refused one every validation problem and privacy finding with its JSON path.
/// </summary>
internal static class SubmitCommand
{
    public static Command Create()
    {
        var path = new Argument<string>("FILE|DIR") { Description = "A learning (one JSON object), or a folder whose *.json files are each one learning." };
        return ServiceCommand.Create("submit", "Submit learnings; shows each one's CID, or every problem the service found and where.", async (parseResult, api, json, cancellationToken) =>
        {
            var files = Files(parseResult.GetValue(path)!);
            var results = new List<object>();
            var refused = 0;
            foreach (var file in files)
            {
                var response = await api.SendAsync(HttpMethod.Post, "api/learnings", await File.ReadAllBytesAsync(file, cancellationToken), "application/json", cancellationToken);
                var name = Path.GetFileName(file);
                if (response.IsSuccess)
                {
                    var body = response.Json;
                    var existing = body.TryGetProperty("existing", out var e) && e.ValueKind == JsonValueKind.True;
                    Print(json, $"{name}: {LearningView.Id(body)}  CID {LearningView.Cid(body)}  {LearningView.Status(body)}{(existing ? " (submitted before: same content)" : string.Empty)}");
                    foreach (var redaction in Items(body, "redactions"))
                    {
                        Print(json, $"  redacted {LearningView.Text(redaction, "path")} ({LearningView.Text(redaction, "ruleId")}) as {LearningView.Text(redaction, "replacement")}");
                    }

                    results.Add(new { file, accepted = true, learning = body });
                    continue;
                }

                if (ApiResponse.ExitCodeOf(response.Status) != ExitCodes.Invalid)
                {
                    response.EnsureSuccess();
                }

                refused++;
                var problem = response.Json;
                Print(json, $"{name}: refused, nothing stored — {LearningView.Text(problem, "title")}: {LearningView.Text(problem, "detail")}");
                foreach (var error in Items(problem, "errors"))
                {
                    Print(json, $"  {Pointer(error)}  {LearningView.Text(error, "code")}: {LearningView.Text(error, "message")}");
                }

                foreach (var finding in Items(problem, "findings"))
                {
                    Print(json, $"  {Pointer(finding)}  {LearningView.Text(finding, "ruleId")}: {LearningView.Text(finding, "excerpt")}");
                }

                results.Add(new { file, accepted = false, problem });
            }

            object result = new { submitted = files.Count - refused, refused, results };
            return refused == 0
                ? result
                : new CliOutcome(result, ExitCodes.Invalid, $"error: {refused} of {files.Count} learning(s) refused; fix what is listed and submit them again.");
        }, path);
    }

    private static List<string> Files(string path)
    {
        var full = Path.GetFullPath(path);
        if (Directory.Exists(full))
        {
            var files = Directory.GetFiles(full, "*.json").Order(StringComparer.Ordinal).ToList();
            return files.Count > 0 ? files : throw new CliException(ExitCodes.NotFound, $"{full} holds no *.json file to submit.");
        }

        return File.Exists(full) ? [full] : throw new CliException(ExitCodes.NotFound, $"There is no file or folder at {full}.");
    }

    private static string Pointer(JsonElement item) => LearningView.Text(item, "pointer") is { Length: > 0 } pointer ? pointer : "(document)";

    private static JsonElement[] Items(JsonElement body, string name) =>
        body.ValueKind == JsonValueKind.Object && body.TryGetProperty(name, out var items) && items.ValueKind == JsonValueKind.Array ? [.. items.EnumerateArray()] : [];

    private static void Print(bool json, string line)
    {
        if (!json)
        {
            Console.Out.WriteLine(line);
        }
    }
}
