
namespace Mining.Functions.Settings;

/// <summary>
/// What a contributor allows. Uploads are opt-in (off by default); local-only keeps every learning inside the
/// service whatever else is set; pause holds every learning before its next step. Manual approval is not a setting:
/// it can never be switched off.
/// </summary>
public sealed record ContributorSettings
{
    /// <summary>Off by default: submitted learnings are prepared and content-addressed but stay local.</summary>
    public bool UploadsEnabled { get; init; }

    /// <summary>When on, nothing of this contributor's ever leaves the service's storage.</summary>
    public bool LocalOnly { get; init; }

    /// <summary>While on, no learning of this contributor starts a new step; resume continues where each stopped.</summary>
    public bool Paused { get; init; }

    /// <summary>How long an approval request stays open; null uses the service's <c>Publishing__ApprovalTimeout</c>.</summary>
    public TimeSpan? ApprovalTimeout { get; init; }

    /// <summary>Where approval requests go: <c>email</c> (default), <c>webhook</c> or <c>console</c>.</summary>
    public string NotificationChannel { get; init; } = "email";

    /// <summary>
    /// The https URL approval requests are POSTed to, signed, when the channel is <c>webhook</c>; it must reach a public
    /// address (<see cref="Webhooks.WebhookUrlPolicy"/>).
    /// </summary>
    public Uri? WebhookUrl { get; init; }

    /// <summary>Whose settings these are: set by <see cref="SettingsStore"/> when it reads or stores them; never part of the JSON.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    internal string? ContributorId { get; init; }

    public static readonly string[] Channels = ["email", "webhook", "console"];

    /// <summary>Every problem with these settings, each naming the field.</summary>
    public IEnumerable<string> Problems()
    {
        if (!Channels.Contains(NotificationChannel))
        {
            yield return $"notificationChannel must be one of {string.Join(", ", Channels)}.";
        }

        if (NotificationChannel == "webhook" && WebhookUrl is null)
        {
            yield return "webhookUrl is required when notificationChannel is webhook: an https URL on a public host, e.g. https://hooks.example.org/mining.";
        }

        if (ApprovalTimeout is { } timeout && (timeout < TimeSpan.FromMinutes(1) || timeout > TimeSpan.FromDays(30)))
        {
            yield return "approvalTimeout must be between 00:01:00 and 30.00:00:00.";
        }
    }
}
