using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Mining.Functions.Hosting;

namespace Mining.Functions.App;

/// <summary>
/// Every endpoint of <see cref="MiningService.MapMiningEndpoints"/> as an anonymous HTTP trigger with the same method and
/// route (host.json's route prefix is empty); keys are checked by the endpoints' own filters, as under the local host.
/// Each function hands the request to <see cref="HttpPipeline"/>, which routes it to the same minimal-API handler and writes
/// the response.
/// </summary>
internal sealed class HttpFunctions(HttpPipeline pipeline, DurableClientSlot slot)
{
    [Function(nameof(OpenApiDocument))]
    public Task<IActionResult> OpenApiDocument(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "openapi/{documentName}.json")] HttpRequest req, [DurableClient] DurableTaskClient client) =>
        RunAsync(req, client);

    [Function(nameof(Healthz))]
    public Task<IActionResult> Healthz(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "healthz")] HttpRequest req, [DurableClient] DurableTaskClient client) =>
        RunAsync(req, client);

    [Function(nameof(Readyz))]
    public Task<IActionResult> Readyz(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "readyz")] HttpRequest req, [DurableClient] DurableTaskClient client) =>
        RunAsync(req, client);

    [Function(nameof(SubmitLearning))]
    public Task<IActionResult> SubmitLearning(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/learnings")] HttpRequest req, [DurableClient] DurableTaskClient client) =>
        RunAsync(req, client);

    [Function(nameof(ListLearnings))]
    public Task<IActionResult> ListLearnings(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/learnings")] HttpRequest req, [DurableClient] DurableTaskClient client) =>
        RunAsync(req, client);

    [Function(nameof(GetLearning))]
    public Task<IActionResult> GetLearning(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/learnings/{id}")] HttpRequest req, [DurableClient] DurableTaskClient client) =>
        RunAsync(req, client);

    [Function(nameof(GetLearningDocument))]
    public Task<IActionResult> GetLearningDocument(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/learnings/{id}/document")] HttpRequest req, [DurableClient] DurableTaskClient client) =>
        RunAsync(req, client);

    [Function(nameof(ApproveLearning))]
    public Task<IActionResult> ApproveLearning(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/learnings/{id}/approve")] HttpRequest req, [DurableClient] DurableTaskClient client) =>
        RunAsync(req, client);

    [Function(nameof(RejectLearning))]
    public Task<IActionResult> RejectLearning(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/learnings/{id}/reject")] HttpRequest req, [DurableClient] DurableTaskClient client) =>
        RunAsync(req, client);

    [Function(nameof(PublishLocalLearning))]
    public Task<IActionResult> PublishLocalLearning(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/learnings/{id}/publish")] HttpRequest req, [DurableClient] DurableTaskClient client) =>
        RunAsync(req, client);

    [Function(nameof(GetReceipt))]
    public Task<IActionResult> GetReceipt(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/learnings/{id}/receipt")] HttpRequest req, [DurableClient] DurableTaskClient client) =>
        RunAsync(req, client);

    [Function(nameof(ShowApprovalPage))]
    public Task<IActionResult> ShowApprovalPage(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "approvals/{token}")] HttpRequest req, [DurableClient] DurableTaskClient client) =>
        RunAsync(req, client);

    [Function(nameof(DecideOnApprovalPage))]
    public Task<IActionResult> DecideOnApprovalPage(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "approvals/{token}")] HttpRequest req, [DurableClient] DurableTaskClient client) =>
        RunAsync(req, client);

    [Function(nameof(GetRewards))]
    public Task<IActionResult> GetRewards(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/rewards")] HttpRequest req, [DurableClient] DurableTaskClient client) =>
        RunAsync(req, client);

    [Function(nameof(GetRewardHistory))]
    public Task<IActionResult> GetRewardHistory(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/rewards/history")] HttpRequest req, [DurableClient] DurableTaskClient client) =>
        RunAsync(req, client);

    [Function(nameof(GetSettings))]
    public Task<IActionResult> GetSettings(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/settings")] HttpRequest req, [DurableClient] DurableTaskClient client) =>
        RunAsync(req, client);

    [Function(nameof(PutSettings))]
    public Task<IActionResult> PutSettings(
        [HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "api/settings")] HttpRequest req, [DurableClient] DurableTaskClient client) =>
        RunAsync(req, client);

    [Function(nameof(RotateWebhookSecret))]
    public Task<IActionResult> RotateWebhookSecret(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/settings/webhook-secret")] HttpRequest req, [DurableClient] DurableTaskClient client) =>
        RunAsync(req, client);

    [Function(nameof(ListKeys))]
    public Task<IActionResult> ListKeys(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/keys")] HttpRequest req, [DurableClient] DurableTaskClient client) =>
        RunAsync(req, client);

    [Function(nameof(RotateKey))]
    public Task<IActionResult> RotateKey(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/keys/rotate")] HttpRequest req, [DurableClient] DurableTaskClient client) =>
        RunAsync(req, client);

    [Function(nameof(RevokeKey))]
    public Task<IActionResult> RevokeKey(
        [HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = "api/keys/{keyId}")] HttpRequest req, [DurableClient] DurableTaskClient client) =>
        RunAsync(req, client);

    [Function(nameof(GetAudit))]
    public Task<IActionResult> GetAudit(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/audit")] HttpRequest req, [DurableClient] DurableTaskClient client) =>
        RunAsync(req, client);

    [Function(nameof(PauseUploads))]
    public Task<IActionResult> PauseUploads(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/uploads/pause")] HttpRequest req, [DurableClient] DurableTaskClient client) =>
        RunAsync(req, client);

    [Function(nameof(ResumeUploads))]
    public Task<IActionResult> ResumeUploads(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/uploads/resume")] HttpRequest req, [DurableClient] DurableTaskClient client) =>
        RunAsync(req, client);

    [Function(nameof(CreateContributor))]
    public Task<IActionResult> CreateContributor(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/contributors")] HttpRequest req, [DurableClient] DurableTaskClient client) =>
        RunAsync(req, client);

    [Function(nameof(ListContributorKeys))]
    public Task<IActionResult> ListContributorKeys(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/contributors/{id}/keys")] HttpRequest req, [DurableClient] DurableTaskClient client) =>
        RunAsync(req, client);

    [Function(nameof(RevokeContributorKey))]
    public Task<IActionResult> RevokeContributorKey(
        [HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = "api/contributors/{id}/keys/{keyId}")] HttpRequest req, [DurableClient] DurableTaskClient client) =>
        RunAsync(req, client);

    [Function(nameof(ListDeadLetters))]
    public Task<IActionResult> ListDeadLetters(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/deadletters")] HttpRequest req, [DurableClient] DurableTaskClient client) =>
        RunAsync(req, client);

    [Function(nameof(GetDeadLetter))]
    public Task<IActionResult> GetDeadLetter(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/deadletters/{id}")] HttpRequest req, [DurableClient] DurableTaskClient client) =>
        RunAsync(req, client);

    [Function(nameof(ReplayDeadLetter))]
    public Task<IActionResult> ReplayDeadLetter(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/deadletters/{id}/replay")] HttpRequest req, [DurableClient] DurableTaskClient client) =>
        RunAsync(req, client);

    [Function(nameof(DeleteDeadLetter))]
    public Task<IActionResult> DeleteDeadLetter(
        [HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = "api/deadletters/{id}")] HttpRequest req, [DurableClient] DurableTaskClient client) =>
        RunAsync(req, client);

    [Function(nameof(ListAlerts))]
    public Task<IActionResult> ListAlerts(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/alerts")] HttpRequest req, [DurableClient] DurableTaskClient client) =>
        RunAsync(req, client);

    [Function(nameof(PauseAllUploads))]
    public Task<IActionResult> PauseAllUploads(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/operator/uploads/pause")] HttpRequest req, [DurableClient] DurableTaskClient client) =>
        RunAsync(req, client);

    [Function(nameof(ResumeAllUploads))]
    public Task<IActionResult> ResumeAllUploads(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/operator/uploads/resume")] HttpRequest req, [DurableClient] DurableTaskClient client) =>
        RunAsync(req, client);

    [Function(nameof(GetMetrics))]
    public Task<IActionResult> GetMetrics(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/operator/metrics")] HttpRequest req, [DurableClient] DurableTaskClient client) =>
        RunAsync(req, client);

    private async Task<IActionResult> RunAsync(HttpRequest request, DurableTaskClient client)
    {
        slot.Set(client);
        await pipeline.InvokeAsync(request.HttpContext);
        return new EmptyResult();
    }
}
