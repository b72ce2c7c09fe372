using System.Globalization;
using System.Text.Json;
using Mining.Functions.DeadLetters;
using Mining.Functions.Http;
using Mining.Functions.Learnings;
using Mining.Functions.Publishing;

namespace Mining.Functions.Replay;

/// <summary>
/// Dead letters for the operator (operator key): list them (by stage and age), read one with its audit trail, replay
/// one from its failed stage (safe to call twice), delete one with a reason (kept in the audit trail).
/// </summary>
internal static class DeadLettersApi
{
    private const int MaxReasonLength = 500;

    private static readonly string[] Stages = [.. PublishStages.All, "Engine"];

    public static void MapDeadLettersApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/deadletters", ListAsync).WithTags("Operator").RequireOperator();
        app.MapGet("/api/deadletters/{id}", GetAsync).WithTags("Operator").RequireOperator();
        app.MapPost("/api/deadletters/{id}/replay", ReplayAsync).WithTags("Operator").RequireOperator();
        app.MapDelete("/api/deadletters/{id}", DeleteAsync).WithTags("Operator").RequireOperator();
    }

    private static async Task<IResult> ListAsync(
        string? stage, string? minAge, string? maxAge, string? state, DeadLetterStore store, TimeProvider time, CancellationToken cancellationToken)
    {
        if (stage is not null && !Stages.Contains(stage, StringComparer.OrdinalIgnoreCase))
        {
            return Problems.BadRequest($"Unknown stage '{stage}'; use one of {string.Join(", ", Stages)}.");
        }

        DeadLetterState? wanted = null;
        if (state is not null)
        {
            if (!Enum.TryParse<DeadLetterState>(state, ignoreCase: true, out var parsed) || !Enum.IsDefined(parsed) || int.TryParse(state, out _))
            {
                return Problems.BadRequest($"Unknown state '{state}'; use one of {string.Join(", ", Enum.GetNames<DeadLetterState>())}.");
            }

            wanted = parsed;
        }

        if (!TryParseAge(minAge, out var min) || !TryParseAge(maxAge, out var max))
        {
            return Problems.BadRequest(
                "minAge and maxAge are time spans since the failure, written [d.]hh:mm:ss — e.g. 00:10:00 for ten minutes or 1.00:00:00 for a day.");
        }

        if (min is not null && max is not null && min > max)
        {
            return Problems.BadRequest($"minAge ({min}) is more than maxAge ({max}); nothing can match.");
        }

        var now = time.GetUtcNow();
        var items = (await store.ListAsync(cancellationToken))
            .Where(r => stage is null || string.Equals(r.Stage, stage, StringComparison.OrdinalIgnoreCase))
            .Where(r => wanted is null || r.State == wanted)
            .Where(r => min is null || now - r.FailedAt >= min)
            .Where(r => max is null || now - r.FailedAt <= max)
            .OrderByDescending(r => r.FailedAt)
            .ToList();
        return Results.Json(new { items }, LearningStore.Json);
    }

    private static async Task<IResult> GetAsync(string id, DeadLetterStore store, CancellationToken cancellationToken)
    {
        if (await store.FindAsync(id, cancellationToken) is not var (record, _))
        {
            return NotFound(id);
        }

        return Results.Json(new { deadLetter = record, audit = await store.AuditAsync(id, cancellationToken) }, LearningStore.Json);
    }

    private static async Task<IResult> ReplayAsync(string id, DeadLetterReplay deadLetters, CancellationToken cancellationToken)
    {
        var (outcome, record) = await deadLetters.ReplayAsync(id, cancellationToken);
        return outcome switch
        {
            DeadLetterOutcome.NotFound => NotFound(id),
            DeadLetterOutcome.Deleted => Problems.Conflict($"Dead letter {id} was deleted ({record!.DeleteReason}); a deleted dead letter cannot be replayed."),
            DeadLetterOutcome.NotReplayable => Problems.Conflict(
                $"Dead letter {id} cannot be replayed: its instance {record!.InstanceId} no longer exists or its orchestration is unknown. Delete it with a reason."),
            DeadLetterOutcome.AlreadyReplayed => Results.Json(new { deadLetter = record, alreadyReplayed = true }, LearningStore.Json),
            _ => Results.Json(new { deadLetter = record, alreadyReplayed = false }, LearningStore.Json, statusCode: StatusCodes.Status202Accepted),
        };
    }

    private static async Task<IResult> DeleteAsync(string id, HttpContext context, DeadLetterReplay deadLetters)
    {
        var body = await RequestBody.ReadAsync(context.Request, 16 * 1024, context.RequestAborted);
        if (body is null)
        {
            return Problems.Create(StatusCodes.Status413PayloadTooLarge, "Body too large", "Send only {\"reason\": \"...\"} (at most 500 characters).");
        }

        string? reason = null;
        if (body.Length > 0)
        {
            try
            {
                using var json = JsonDocument.Parse(body);
                if (json.RootElement.ValueKind == JsonValueKind.Object
                    && json.RootElement.TryGetProperty("reason", out var value) && value.ValueKind == JsonValueKind.String)
                {
                    reason = value.GetString()!.Trim();
                }
            }
            catch (JsonException)
            {
                return Problems.BadRequest("The body is not valid JSON; send {\"reason\": \"why this dead letter is given up\"} with 'Content-Type: application/json'.");
            }
        }

        if (reason is not { Length: > 0 and <= MaxReasonLength })
        {
            return Problems.Create(StatusCodes.Status422UnprocessableEntity, "A reason is required",
                $"Send {{\"reason\": \"...\"}} saying why this dead letter is given up (1–{MaxReasonLength} characters); it is kept in the audit trail.");
        }

        var (outcome, record) = await deadLetters.DeleteAsync(id, reason, context.RequestAborted);
        return outcome switch
        {
            DeadLetterOutcome.NotFound => NotFound(id),
            _ => Results.Json(new { deadLetter = record, alreadyDeleted = outcome == DeadLetterOutcome.AlreadyDeleted }, LearningStore.Json),
        };
    }

    private static IResult NotFound(string id) =>
        Problems.NotFound($"There is no dead letter '{id}'. GET /api/deadletters lists them; ids look like dl_<learning or batch id>.");

    private static bool TryParseAge(string? text, out TimeSpan? age)
    {
        age = null;
        if (text is null)
        {
            return true;
        }

        if (TimeSpan.TryParseExact(text, "c", CultureInfo.InvariantCulture, out var parsed) && parsed >= TimeSpan.Zero)
        {
            age = parsed;
            return true;
        }

        return false;
    }
}
