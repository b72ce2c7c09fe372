namespace Mining.Functions.Webhooks;

/// <summary>Why a webhook URL or the address it leads to is refused: the rule it breaks, and what to do instead.</summary>
/// <param name="Rule">The rule's short name (<c>scheme</c>, <c>loopback</c>, <c>private</c>, <c>link-local</c>, …).</param>
/// <param name="Detail">A sentence naming the offending part and what a valid webhook looks like.</param>
public sealed record WebhookRefusal(string Rule, string Detail);
