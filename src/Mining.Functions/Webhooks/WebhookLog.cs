namespace Mining.Functions.Webhooks;

/// <summary>Log messages of contributor webhooks: the host and the outcome, never the URL's path, a secret or a signature.</summary>
internal static partial class WebhookLog
{
    [LoggerMessage(2301, LogLevel.Information, "Webhook delivery {DeliveryId} for learning {LearningId} to host {Host}: {Outcome}")]
    public static partial void Delivered(ILogger logger, string deliveryId, string learningId, string host, string outcome);

    [LoggerMessage(2302, LogLevel.Warning, "Webhook delivery {DeliveryId} for learning {LearningId} to host {Host} {Outcome} ({Rule}); the approval request goes by email")]
    public static partial void NotDelivered(ILogger logger, string deliveryId, string learningId, string host, string outcome, string rule);
}
