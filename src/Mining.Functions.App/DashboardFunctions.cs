using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Mining.Functions.Hosting;

namespace Mining.Functions.App;

/// <summary>
/// The web dashboard's routes (<c>/dashboard…</c>, see <see cref="MiningService.MapMiningEndpoints"/>) as anonymous HTTP
/// triggers, handed to <see cref="HttpPipeline"/> like the API's: the pages check their own session cookie, Origin and
/// anti-forgery token.
/// </summary>
internal sealed class DashboardFunctions(HttpPipeline pipeline, DurableClientSlot slot)
{
    [Function(nameof(Dashboard))]
    public Task<IActionResult> Dashboard(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "dashboard")] HttpRequest req, [DurableClient] DurableTaskClient client) =>
        RunAsync(req, client);

    [Function(nameof(DashboardStylesheet))]
    public Task<IActionResult> DashboardStylesheet(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "dashboard/dashboard.css")] HttpRequest req, [DurableClient] DurableTaskClient client) =>
        RunAsync(req, client);

    [Function(nameof(DashboardSignInPage))]
    public Task<IActionResult> DashboardSignInPage(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "dashboard/signin")] HttpRequest req, [DurableClient] DurableTaskClient client) =>
        RunAsync(req, client);

    [Function(nameof(DashboardSignIn))]
    public Task<IActionResult> DashboardSignIn(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "dashboard/signin")] HttpRequest req, [DurableClient] DurableTaskClient client) =>
        RunAsync(req, client);

    [Function(nameof(DashboardSignOut))]
    public Task<IActionResult> DashboardSignOut(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "dashboard/signout")] HttpRequest req, [DurableClient] DurableTaskClient client) =>
        RunAsync(req, client);

    [Function(nameof(DashboardLearning))]
    public Task<IActionResult> DashboardLearning(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "dashboard/learnings/{id}")] HttpRequest req, [DurableClient] DurableTaskClient client) =>
        RunAsync(req, client);

    [Function(nameof(DashboardApprove))]
    public Task<IActionResult> DashboardApprove(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "dashboard/learnings/{id}/approve")] HttpRequest req, [DurableClient] DurableTaskClient client) =>
        RunAsync(req, client);

    [Function(nameof(DashboardReject))]
    public Task<IActionResult> DashboardReject(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "dashboard/learnings/{id}/reject")] HttpRequest req, [DurableClient] DurableTaskClient client) =>
        RunAsync(req, client);

    [Function(nameof(DashboardPublish))]
    public Task<IActionResult> DashboardPublish(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "dashboard/learnings/{id}/publish")] HttpRequest req, [DurableClient] DurableTaskClient client) =>
        RunAsync(req, client);

    [Function(nameof(DashboardControls))]
    public Task<IActionResult> DashboardControls(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "dashboard/controls")] HttpRequest req, [DurableClient] DurableTaskClient client) =>
        RunAsync(req, client);

    [Function(nameof(DashboardRewards))]
    public Task<IActionResult> DashboardRewards(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "dashboard/rewards")] HttpRequest req, [DurableClient] DurableTaskClient client) =>
        RunAsync(req, client);

    [Function(nameof(DashboardOperator))]
    public Task<IActionResult> DashboardOperator(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "dashboard/operator")] HttpRequest req, [DurableClient] DurableTaskClient client) =>
        RunAsync(req, client);

    [Function(nameof(DashboardDeadLetter))]
    public Task<IActionResult> DashboardDeadLetter(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "dashboard/deadletters/{id}")] HttpRequest req, [DurableClient] DurableTaskClient client) =>
        RunAsync(req, client);

    [Function(nameof(DashboardReplay))]
    public Task<IActionResult> DashboardReplay(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "dashboard/deadletters/{id}/replay")] HttpRequest req, [DurableClient] DurableTaskClient client) =>
        RunAsync(req, client);

    [Function(nameof(DashboardDelete))]
    public Task<IActionResult> DashboardDelete(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "dashboard/deadletters/{id}/delete")] HttpRequest req, [DurableClient] DurableTaskClient client) =>
        RunAsync(req, client);

    [Function(nameof(DashboardSignInEmail))]
    public Task<IActionResult> DashboardSignInEmail(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "dashboard/signin/email")] HttpRequest req, [DurableClient] DurableTaskClient client) =>
        RunAsync(req, client);

    [Function(nameof(DashboardSignInLinkPage))]
    public Task<IActionResult> DashboardSignInLinkPage(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "dashboard/signin/link/{token}")] HttpRequest req, [DurableClient] DurableTaskClient client) =>
        RunAsync(req, client);

    [Function(nameof(DashboardSignInLink))]
    public Task<IActionResult> DashboardSignInLink(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "dashboard/signin/link/{token}")] HttpRequest req, [DurableClient] DurableTaskClient client) =>
        RunAsync(req, client);

    [Function(nameof(DashboardKeys))]
    public Task<IActionResult> DashboardKeys(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "dashboard/keys")] HttpRequest req, [DurableClient] DurableTaskClient client) =>
        RunAsync(req, client);

    [Function(nameof(DashboardRotateKey))]
    public Task<IActionResult> DashboardRotateKey(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "dashboard/keys/{keyId}/rotate")] HttpRequest req, [DurableClient] DurableTaskClient client) =>
        RunAsync(req, client);

    [Function(nameof(DashboardRevokeKey))]
    public Task<IActionResult> DashboardRevokeKey(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "dashboard/keys/{keyId}/revoke")] HttpRequest req, [DurableClient] DurableTaskClient client) =>
        RunAsync(req, client);

    [Function(nameof(DashboardPauseAll))]
    public Task<IActionResult> DashboardPauseAll(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "dashboard/operator/pause")] HttpRequest req, [DurableClient] DurableTaskClient client) =>
        RunAsync(req, client);

    [Function(nameof(DashboardResumeAll))]
    public Task<IActionResult> DashboardResumeAll(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "dashboard/operator/resume")] HttpRequest req, [DurableClient] DurableTaskClient client) =>
        RunAsync(req, client);

    private async Task<IActionResult> RunAsync(HttpRequest request, DurableTaskClient client)
    {
        slot.Set(client);
        await pipeline.InvokeAsync(request.HttpContext);
        return new EmptyResult();
    }
}
