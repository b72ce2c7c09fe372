using System.Net;
using Microsoft.Extensions.Options;
using Mining.Functions.ApprovalRequests;
using Mining.Functions.Learnings;
using Mining.Functions.Options;
using Mining.Functions.Pages;
using Mining.Functions.Storage;

namespace Mining.Functions.Approval;

/// <summary>
/// The approval page a contributor opens from the link: GET shows the learning rendered for reading (<see cref="DocumentView"/>)
/// beside the exact bytes, their CID, what the scanner redacted and what approving does, and changes nothing; Approve and
/// Reject are POSTs to the same URL from this origin only. No script; styles only from the app's stylesheet.
/// </summary>
internal static class ApprovalPages
{
    public static void MapApprovalPages(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/approvals").WithTags("Approval pages").AddEndpointFilter(async (context, next) =>
        {
            Html.SetSecurityHeaders(context.HttpContext.Response);
            return await next(context);
        });
        group.MapGet("/{token}", ShowAsync);
        group.MapPost("/{token}", DecideAsync).DisableAntiforgery();
    }

    private static async Task<IResult> ShowAsync(
        string token, HttpContext context, ApprovalTokens tokens, DocumentStore documents, LearningStore learnings)
    {
        if (!tokens.TryRead(token, out var claims, out var problem))
        {
            return Page(StatusCodes.Status403Forbidden, "This approval link cannot be used", $"<p>{E(problem)}</p>");
        }

        var bytes = await documents.ReadDocumentAsync(claims!.Cid, context.RequestAborted);
        if (bytes is null)
        {
            return Page(StatusCodes.Status404NotFound, "Learning not found", "<p>The document this link refers to is not stored here.</p>");
        }

        var learning = await learnings.FindAsync(claims.ContributorId, claims.LearningId, context.RequestAborted);
        var body = $"""
            <p class="notice">Approving publishes <strong>exactly the {bytes.Length} bytes</strong> shown below to IPFS under the CID below, pins them,
            checks them on independent gateways and anchors the CID on chain. <strong>Publishing is permanent</strong>: a CID
            anchored on chain cannot be taken back. Rejecting publishes nothing. Without a decision by
            {Html.Time(claims.ExpiresAt)} nothing is published.</p>
            <dl class="facts"><dt>Learning</dt><dd><code id="learning">{E(claims.LearningId)}</code></dd>
            <dt>CID</dt><dd><code id="cid">{E(claims.Cid.ToString())}</code></dd></dl>
            {DocumentView.Render(bytes, claims.Cid.ToString(), learning?.Redactions ?? [])}
            <form method="post"><input type="hidden" name="cid" value="{E(claims.Cid.ToString())}">
            <button class="primary" name="decision" value="approve">Approve and publish</button>
            <button class="danger" name="decision" value="reject">Reject</button></form>
            """;
        return Page(StatusCodes.Status200OK, "Approve publishing this learning?", body);
    }

    private static async Task<IResult> DecideAsync(
        string token, HttpContext context, ApprovalTokens tokens, DecisionService decisions, IOptions<ServiceOptions> service)
    {
        if (!SameOrigin.Check(context.Request, service.Value.PublicBaseUrl!, out _))
        {
            return Page(StatusCodes.Status403Forbidden, "Decision refused",
                "<p>Decisions are accepted only from the approval page itself (the request's Origin did not match). Open the link from the approval message and use its buttons.</p>");
        }

        if (!tokens.TryRead(token, out var claims, out var problem))
        {
            return Page(StatusCodes.Status403Forbidden, "This approval link cannot be used", $"<p>{E(problem)}</p>");
        }

        if (!context.Request.HasFormContentType)
        {
            return Page(StatusCodes.Status415UnsupportedMediaType, "Decision refused", "<p>Use the page's Approve or Reject button.</p>");
        }

        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        var decision = form["decision"].ToString();
        if (decision is not ("approve" or "reject") || form["cid"].ToString() != claims!.Cid.ToString())
        {
            return Page(StatusCodes.Status400BadRequest, "Decision refused", "<p>Use the page's Approve or Reject button.</p>");
        }

        var (outcome, _) = await decisions.DecideAsync(claims.ContributorId, claims.LearningId, claims.Cid.ToString(), decision == "approve", "page", context.RequestAborted);
        return outcome switch
        {
            DecideOutcome.Decided when decision == "approve" => Page(StatusCodes.Status200OK, "Approved",
                $"<p>Learning <code>{E(claims.LearningId)}</code> will be published under CID <code>{E(claims.Cid.ToString())}</code>.</p>"),
            DecideOutcome.Decided => Page(StatusCodes.Status200OK, "Rejected", "<p>Nothing will be published.</p>"),
            DecideOutcome.AlreadyDecided => Page(StatusCodes.Status409Conflict, "Already decided",
                "<p>This learning was already decided; an approval link works once.</p>"),
            _ => Page(StatusCodes.Status404NotFound, "Learning not found", "<p>The learning this link refers to does not exist.</p>"),
        };
    }

    private static IResult Page(int status, string title, string body) => Html.Page(status, title, body);

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
