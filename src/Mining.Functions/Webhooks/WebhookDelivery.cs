using System.Net.Http.Headers;
using System.Security.Cryptography;
using Microsoft.Extensions.Options;

namespace Mining.Functions.Webhooks;

/// <summary>
/// POSTs a signed JSON body to a contributor's webhook through the <see cref="ClientName"/> client (whose handler checks
/// every address at connect time, see <see cref="WebhookHttpHandler"/>). The URL is checked against
/// <see cref="WebhookUrlPolicy"/> again first (it may have been stored under older rules). Headers:
/// <c>X-Mining-Signature</c> (<see cref="WebhookSignature"/>), <c>X-Mining-Event</c>, <c>X-Mining-Delivery</c> (a new
/// id per attempt). Only a 2xx answer counts as delivered; a redirect is not followed; the whole delivery ends within
/// <see cref="WebhookOptions.TimeLimit"/> and at most <see cref="WebhookOptions.MaxResponseBytes"/> of the answer are
/// read. It never throws for anything the receiver or its address does: the outcome says what happened.
/// </summary>
internal sealed class WebhookDelivery(
    IHttpClientFactory http, WebhookUrlPolicy policy, WebhookSigningSecrets secrets, IOptions<WebhookOptions> options, TimeProvider time,
    ILogger<WebhookDelivery> logger)
{
    public const string ClientName = "contributor-webhook";

    public async Task<WebhookOutcome> DeliverAsync(
        string contributorId, string learningId, Uri url, string eventName, byte[] body, CancellationToken cancellationToken)
    {
        var deliveryId = "dlv_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));
        var outcome = await AttemptAsync(contributorId, url, eventName, deliveryId, body, cancellationToken);
        var host = url.IsAbsoluteUri ? url.IdnHost : "(relative URL)";
        if (outcome.Delivered)
        {
            WebhookLog.Delivered(logger, deliveryId, learningId, host, outcome.Outcome);
        }
        else
        {
            WebhookLog.NotDelivered(logger, deliveryId, learningId, host, outcome.Outcome, outcome.Rule ?? "unknown");
        }

        return outcome;
    }

    private async Task<WebhookOutcome> AttemptAsync(
        string contributorId, Uri url, string eventName, string deliveryId, byte[] body, CancellationToken cancellationToken)
    {
        if (policy.CheckUrl(url) is { } refused)
        {
            return new WebhookOutcome("refused", refused.Rule, null, refused.Detail);
        }

        IReadOnlyList<string> signing;
        try
        {
            signing = await secrets.SigningSecretsAsync(contributorId, cancellationToken);
        }
        catch (CryptographicException)
        {
            return new WebhookOutcome("refused", "signing-secret", null,
                "The webhook signing secret can no longer be read (the service's signing key changed); make a new one with POST /api/settings/webhook-secret.");
        }

        if (signing.Count == 0)
        {
            return new WebhookOutcome("refused", "signing-secret", null,
                "There is no webhook signing secret, so a delivery could not be signed; make one with POST /api/settings/webhook-secret.");
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        request.Headers.Add(WebhookSignature.Header, WebhookSignature.Create(signing, time.GetUtcNow(), body));
        request.Headers.Add("X-Mining-Event", eventName);
        request.Headers.Add("X-Mining-Delivery", deliveryId);
        var limits = options.Value;
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(limits.TimeLimit);
        try
        {
            using var client = http.CreateClient(ClientName);
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, limit.Token);
            await ReadAtMostAsync(response.Content, limits.MaxResponseBytes, limit.Token);
            var status = (int)response.StatusCode;
            return status switch
            {
                >= 200 and < 300 => new WebhookOutcome("delivered", null, status, $"The receiver answered {status}."),
                >= 300 and < 400 => new WebhookOutcome("failed", "redirect", status,
                    $"The receiver answered {status} (a redirect), which is not followed; set webhookUrl to the address that answers 2xx."),
                _ => new WebhookOutcome("failed", "status", status, $"The receiver answered {status}; a delivery counts only with a 2xx answer."),
            };
        }
        catch (HttpRequestException e) when (RefusalIn(e) is { } refusal)
        {
            return new WebhookOutcome("refused", refusal.Rule, null, refusal.Detail);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new WebhookOutcome("failed", "time-limit", null, $"The receiver did not answer within {limits.TimeLimit.TotalSeconds:0.#} s.");
        }
        catch (HttpRequestException e)
        {
            return new WebhookOutcome("failed", "connection", null, $"The webhook could not be reached: {e.Message}");
        }
    }

    private static async Task ReadAtMostAsync(HttpContent content, int limit, CancellationToken cancellationToken)
    {
        await using var stream = await content.ReadAsStreamAsync(cancellationToken);
        var buffer = new byte[Math.Max(1, Math.Min(limit, 4096))];
        var total = 0;
        int read;
        while (total < limit && (read = await stream.ReadAsync(buffer.AsMemory(0, Math.Min(buffer.Length, limit - total)), cancellationToken)) > 0)
        {
            total += read;
        }
    }

    private static WebhookRefusal? RefusalIn(Exception e)
    {
        for (Exception? inner = e; inner is not null; inner = inner.InnerException)
        {
            if (inner is WebhookRefusedException refused)
            {
                return refused.Refusal;
            }
        }

        return null;
    }
}
