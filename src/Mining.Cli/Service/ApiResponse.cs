using System.Net;
using System.Text;
using System.Text.Json;

namespace Mining.Cli.Service;

/// <summary>One answer of the service: status, body and the headers the CLI reads.</summary>
internal sealed record ApiResponse(HttpMethod Method, string Path, HttpStatusCode Status, byte[] Body, IReadOnlyDictionary<string, string> Headers)
{
    public bool IsSuccess => (int)Status is >= 200 and < 300;

    /// <summary>The body as JSON (a copy that outlives the response).</summary>
    public JsonElement Json
    {
        get
        {
            try
            {
                using var document = JsonDocument.Parse(Body);
                return document.RootElement.Clone();
            }
            catch (JsonException)
            {
                throw new CliException(ExitCodes.Unavailable,
                    $"{Method} {Path} answered {(int)Status} with a body that is not JSON ({Body.Length} bytes); is the URL the mining service?");
            }
        }
    }

    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;

    /// <summary>This answer when it is a success; otherwise a <see cref="CliException"/> holding the problem in one line.</summary>
    public ApiResponse EnsureSuccess() => IsSuccess ? this : throw new CliException(ExitCodeOf(Status), Problem());

    public static int ExitCodeOf(HttpStatusCode status) => (int)status switch
    {
        401 or 403 => ExitCodes.Unauthorized,
        404 => ExitCodes.NotFound,
        409 => ExitCodes.Conflict,
        400 or 413 or 415 or 422 => ExitCodes.Invalid,
        429 or >= 500 => ExitCodes.Unavailable,
        _ => ExitCodes.Failure,
    };

    /// <summary>The RFC 9457 problem in one readable line: status, title, detail and each listed error.</summary>
    public string Problem()
    {
        var text = new StringBuilder($"{(int)Status} ");
        try
        {
            using var document = JsonDocument.Parse(Body);
            var problem = document.RootElement;
            text.Append(Text(problem, "title") ?? Status.ToString());
            if (Text(problem, "detail") is { } detail)
            {
                text.Append(": ").Append(detail);
            }

            if (problem.ValueKind == JsonValueKind.Object && problem.TryGetProperty("errors", out var errors) && errors.ValueKind == JsonValueKind.Array)
            {
                var listed = errors.EnumerateArray().Select(e => e.ValueKind == JsonValueKind.String
                    ? e.GetString()
                    : $"{Text(e, "pointer")}: {Text(e, "message") ?? Text(e, "code")}").ToList();
                text.Append(" [").Append(string.Join("; ", listed)).Append(']');
            }
        }
        catch (JsonException)
        {
            text.Append(Status).Append(Body.Length > 0 ? ": " + Encoding.UTF8.GetString(Body, 0, Math.Min(Body.Length, 200)) : string.Empty);
        }

        return $"{Method} {Path}: " + string.Join(' ', text.ToString().Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries));
    }

    private static string? Text(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
