namespace Mining.Functions.Webhooks;

/// <summary>How one webhook delivery went.</summary>
/// <param name="Outcome"><c>delivered</c> (2xx), <c>refused</c> (stopped by the webhook policy before connecting) or <c>failed</c>.</param>
/// <param name="Rule">For a refusal or failure, the rule or cause (<c>loopback</c>, <c>redirect</c>, <c>status</c>, <c>time-limit</c>, …).</param>
/// <param name="Status">The receiver's HTTP status, when it answered.</param>
/// <param name="Detail">A sentence saying what happened and what to do.</param>
public sealed record WebhookOutcome(string Outcome, string? Rule, int? Status, string Detail)
{
    public bool Delivered => Outcome == "delivered";
}
