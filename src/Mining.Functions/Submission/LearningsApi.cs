using Mining.Core.Validation;
using Mining.Functions.Approval;
using Mining.Functions.Http;
using Mining.Functions.Learnings;
using Mining.Functions.Storage;

namespace Mining.Functions.Submission;

/// <summary>
/// <c>/api/learnings</c>: submit, read, list, read the exact public document, approve and reject (contributor key). A
/// decision may name the CID it was shown (<c>?cid=</c>): it is then refused (409) unless that is the learning's CID,
/// as the approval page binds its decision to the CID on the page.
/// </summary>
internal static class LearningsApi
{
    public static void MapLearningsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/learnings").WithTags("Learnings");
        group.MapPost("/", SubmitAsync).RequireContributor().RequireRateLimiting(SubmissionRateLimit.Policy);
        group.MapGet("/{id}", GetAsync).RequireContributor();
        group.MapGet("/", ListAsync).RequireContributor();
        group.MapGet("/{id}/document", DocumentAsync).RequireContributor();
        group.MapPost("/{id}/approve", (HttpContext c, string id, string? cid, DecisionService d) => DecideAsync(c, id, cid, true, d)).RequireContributor();
        group.MapPost("/{id}/reject", (HttpContext c, string id, string? cid, DecisionService d) => DecideAsync(c, id, cid, false, d)).RequireContributor();
    }

    private static async Task<IResult> SubmitAsync(HttpContext context, SubmissionService submissions, ValidationOptions validation)
    {
        var request = context.Request;
        if (request.ContentType is null || !request.ContentType.StartsWith("application/json", StringComparison.OrdinalIgnoreCase))
        {
            return Problems.Create(StatusCodes.Status415UnsupportedMediaType, "Unsupported media type",
                "Send the learning as one JSON object with 'Content-Type: application/json'.");
        }

        var body = await RequestBody.ReadAsync(request, validation.MaxDocumentBytes, context.RequestAborted);
        if (body is null)
        {
            return Problems.Create(StatusCodes.Status413PayloadTooLarge, "Payload too large",
                $"A learning may be at most {validation.MaxDocumentBytes} bytes (one IPFS block). Shorten the body or split the learning.");
        }

        var result = await submissions.SubmitAsync(ApiAuth.Contributor(context), body, context.RequestAborted);
        return result switch
        {
            SubmissionResult.Accepted accepted => Results.Json(
                new SubmissionResponse(accepted.Learning.Id, accepted.Learning.Cid.ToString(), accepted.Learning.Status.ToString(),
                    $"/api/learnings/{accepted.Learning.Id}", !accepted.Created, accepted.Redactions.Select(r => new { r.Finding.RuleId, r.Finding.Path, r.Replacement }).ToList()),
                Learnings.LearningStore.Json,
                statusCode: accepted.Created ? StatusCodes.Status202Accepted : StatusCodes.Status200OK),
            SubmissionResult.Invalid invalid => Invalid(invalid.Problems),
            SubmissionResult.Blocked blocked => Problems.Create(StatusCodes.Status422UnprocessableEntity, "Sensitive content found",
                "The privacy scanner found content that must not be published; nothing was stored. Remove it and submit again.",
                new Dictionary<string, object?>
                {
                    ["findings"] = blocked.Findings.Select(f => new { ruleId = f.RuleId, pointer = f.Path, excerpt = f.Excerpt }).ToList(),
                }),
            _ => throw new InvalidOperationException("Unknown submission result."),
        };
    }

    private static IResult Invalid(IReadOnlyList<ValidationProblem> problems)
    {
        var status = problems.Any(p => p.Code == "too-large") ? StatusCodes.Status413PayloadTooLarge
            : problems.Any(p => p.Code == "invalid-json") ? StatusCodes.Status400BadRequest
            : StatusCodes.Status422UnprocessableEntity;
        return Problems.Create(status, "Invalid learning",
            $"The learning has {problems.Count} problem(s); nothing was stored. Fix each one and submit again.",
            new Dictionary<string, object?> { ["errors"] = problems.Select(p => new { pointer = p.Path, code = p.Code, message = p.Message }).ToList() });
    }

    private static async Task<IResult> GetAsync(HttpContext context, string id, LearningStore learnings, LearningView view)
    {
        var learning = LearningIds.IsWellFormed(id) ? await learnings.FindAsync(ApiAuth.Contributor(context).Id, id, context.RequestAborted) : null;
        return learning is null
            ? Problems.NotFound($"You have no learning with id '{Problems.Truncate(id)}'.")
            : Results.Json(await view.ShowAsync(learning, context.RequestAborted), LearningStore.Json);
    }

    private static async Task<IResult> ListAsync(
        HttpContext context, LearningStore learnings, LearningView view, ContinuationTokens tokens, string? status, string? continuation)
    {
        LearningStatus? filter = null;
        if (status is not null)
        {
            if (!Enum.TryParse<LearningStatus>(status, ignoreCase: true, out var parsed) || int.TryParse(status, out _))
            {
                return Problems.BadRequest($"Unknown status '{Problems.Truncate(status)}'. Use one of: {string.Join(", ", Enum.GetNames<LearningStatus>())}.");
            }

            filter = parsed;
        }

        var contributorId = ApiAuth.Contributor(context).Id;
        string? token = null;
        if (continuation is not null && (continuation.Length > 2048 || !tokens.TryUnprotect(contributorId, continuation, out token)))
        {
            return Problems.BadRequest("The continuation token is not one this service issued to you; start again without it.");
        }

        // WaitingForBatch is never stored: those learnings are stored as Verifying.
        var stored = filter == LearningStatus.WaitingForBatch ? LearningStatus.Verifying : filter;
        var (found, next) = await learnings.ListAsync(contributorId, stored, token, 50, context.RequestAborted);
        var items = (await view.ShowAllAsync(found, context.RequestAborted)).Where(l => filter is null || l.Status == filter).ToList();
        return Results.Json(new { items, continuation = tokens.Protect(contributorId, next) }, LearningStore.Json);
    }

    /// <summary>The exact bytes that are (or would be) published, with their CID in <c>X-Content-Cid</c>: what a decision approves.</summary>
    private static async Task<IResult> DocumentAsync(HttpContext context, string id, LearningStore learnings, DocumentStore documents)
    {
        var learning = LearningIds.IsWellFormed(id) ? await learnings.FindAsync(ApiAuth.Contributor(context).Id, id, context.RequestAborted) : null;
        if (learning is null)
        {
            return Problems.NotFound($"You have no learning with id '{Problems.Truncate(id)}'.");
        }

        var bytes = await documents.ReadDocumentAsync(learning.Cid, context.RequestAborted);
        if (bytes is null)
        {
            return Problems.NotFound($"The document of learning {id} (CID {learning.Cid}) is not stored here.");
        }

        context.Response.Headers["X-Content-Cid"] = learning.Cid.ToString();
        context.Response.Headers.CacheControl = "no-store";
        return Results.Bytes(bytes, "application/json");
    }

    private static async Task<IResult> DecideAsync(HttpContext context, string id, string? cid, bool approve, DecisionService decisions)
    {
        var contributor = ApiAuth.Contributor(context);
        if (!LearningIds.IsWellFormed(id))
        {
            return Problems.NotFound($"You have no learning with id '{Problems.Truncate(id)}'.");
        }

        if (cid is { Length: > 128 })
        {
            return Problems.BadRequest("The cid parameter is not a CID; send the CID you were shown (GET /api/learnings/{id}/document gives it) or leave it out.");
        }

        var (outcome, updated) = await decisions.DecideAsync(contributor.Id, id, cid, approve, "api", context.RequestAborted);
        return outcome switch
        {
            DecideOutcome.Decided => Results.Json(updated, LearningStore.Json),
            DecideOutcome.AlreadyDecided => Problems.Conflict("This learning was already decided; a decision cannot be changed."),
            DecideOutcome.CidMismatch => Problems.Conflict(
                $"The CID you decided on is not this learning's CID ({updated!.Cid}); nothing was decided. Read the document again and decide on what it shows."),
            DecideOutcome.NotAwaitingApproval => Problems.Conflict(
                "This learning is LocalOnly: turn uploads on in /api/settings and publish it with POST /api/learnings/{id}/publish; then approve it."),
            _ => Problems.NotFound($"You have no learning with id '{Problems.Truncate(id)}'."),
        };
    }

    private sealed record SubmissionResponse(string Id, string Cid, string Status, string StatusUrl, bool Existing, object Redactions);
}
