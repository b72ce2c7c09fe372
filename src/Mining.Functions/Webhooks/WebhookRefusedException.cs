namespace Mining.Functions.Webhooks;

/// <summary>A webhook request stopped before it connected, because the address it would reach is not public.</summary>
public sealed class WebhookRefusedException(WebhookRefusal refusal)
    : Exception($"The webhook request was refused before connecting ({refusal.Rule}): {refusal.Detail}")
{
    public WebhookRefusal Refusal { get; } = refusal;
}
