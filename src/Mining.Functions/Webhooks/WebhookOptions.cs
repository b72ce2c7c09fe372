using Mining.Functions.Options;

namespace Mining.Functions.Webhooks;

/// <summary>Limits of a delivery to a contributor's webhook (section <c>Webhooks</c>).</summary>
internal sealed class WebhookOptions : IValidatedOptions
{
    /// <summary>The whole delivery (connect, TLS, send, response headers and the body read) must end within this.</summary>
    public TimeSpan TimeLimit { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>At most this much of a receiver's response body is read (then the connection is dropped).</summary>
    public int MaxResponseBytes { get; set; } = 4096;

    public IEnumerable<string> Validate()
    {
        if (TimeLimit < TimeSpan.FromMilliseconds(100) || TimeLimit > TimeSpan.FromMinutes(1))
        {
            yield return $"{ValidatedOptionsExtensions.Setting("Webhooks:TimeLimit")} must be between 00:00:00.1 and 00:01:00, e.g. 00:00:10.";
        }

        if (MaxResponseBytes is < 0 or > 65536)
        {
            yield return $"{ValidatedOptionsExtensions.Setting("Webhooks:MaxResponseBytes")} must be between 0 and 65536, e.g. 4096.";
        }
    }
}
