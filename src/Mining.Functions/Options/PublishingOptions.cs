namespace Mining.Functions.Options;

/// <summary>How learnings move through approval, batching and confirmation (section <c>Publishing</c>).</summary>
internal sealed class PublishingOptions : IValidatedOptions
{
    /// <summary>No decision by then means nothing is published.</summary>
    public TimeSpan ApprovalTimeout { get; set; } = TimeSpan.FromDays(3);

    /// <summary>Most learnings one anchoring transaction carries.</summary>
    public int BatchSize { get; set; } = 256;

    /// <summary>How long a batch waits for more learnings after its first one.</summary>
    public TimeSpan BatchWindow { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// While learnings wait for a batch, how often the collector looks again (so a batch that fills closes soon after);
    /// with none waiting it looks once per <see cref="BatchWindow"/>.
    /// </summary>
    public TimeSpan BatchPollInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How often an anchoring transaction is checked for confirmations.</summary>
    public TimeSpan ConfirmationPollInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Attempts per activity before it fails for good.</summary>
    public int RetryMaxAttempts { get; set; } = 5;

    /// <summary>First delay between attempts; each later one doubles, up to <see cref="RetryMaxInterval"/>.</summary>
    public TimeSpan RetryFirstInterval { get; set; } = TimeSpan.FromSeconds(2);

    public TimeSpan RetryMaxInterval { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>While the operator account cannot pay for the anchor transaction, how often the batch checks again.</summary>
    public TimeSpan FundsPollInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// How long a batch waits for the batch counted before it to take its nonce before it sends anyway (the earlier one
    /// then leaves the rewards root unchanged); see <c>SendAnchorTransaction</c>.
    /// </summary>
    public TimeSpan AnchorOrderPatience { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// How long a learning held by a pause waits for "Resume" before it reads the controls again on its own; each quiet
    /// turn doubles it, up to <see cref="MaxPauseRecheckInterval"/>.
    /// </summary>
    public TimeSpan PauseRecheckInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The longest a paused learning goes without reading the controls again.</summary>
    public static readonly TimeSpan MaxPauseRecheckInterval = TimeSpan.FromMinutes(15);

    public IEnumerable<string> Validate()
    {
        if (ApprovalTimeout < TimeSpan.FromSeconds(1))
        {
            yield return $"{ValidatedOptionsExtensions.Setting("Publishing:ApprovalTimeout")} must be a positive time span such as 3.00:00:00 (three days).";
        }

        if (BatchSize is < 1 or > 4096)
        {
            yield return $"{ValidatedOptionsExtensions.Setting("Publishing:BatchSize")} must be between 1 and 4096, e.g. 256.";
        }

        if (BatchWindow < TimeSpan.Zero || ConfirmationPollInterval <= TimeSpan.Zero)
        {
            yield return $"{ValidatedOptionsExtensions.Setting("Publishing:BatchWindow")} and {ValidatedOptionsExtensions.Setting("Publishing:ConfirmationPollInterval")} must be time spans such as 00:00:30.";
        }

        if (BatchPollInterval < TimeSpan.FromMilliseconds(100) || BatchPollInterval > TimeSpan.FromMinutes(1))
        {
            yield return $"{ValidatedOptionsExtensions.Setting("Publishing:BatchPollInterval")} must be a time span from 00:00:00.1 to 00:01:00, e.g. 00:00:02.";
        }

        if (RetryMaxAttempts < 1 || RetryFirstInterval <= TimeSpan.Zero || RetryMaxInterval < RetryFirstInterval)
        {
            yield return $"{ValidatedOptionsExtensions.Setting("Publishing:RetryMaxAttempts")} must be ≥ 1 and the retry intervals positive with RetryMaxInterval ≥ RetryFirstInterval.";
        }

        if (AnchorOrderPatience < TimeSpan.Zero)
        {
            yield return $"{ValidatedOptionsExtensions.Setting("Publishing:AnchorOrderPatience")} must be a time span such as 00:01:00.";
        }

        if (PauseRecheckInterval < TimeSpan.FromSeconds(1) || PauseRecheckInterval > MaxPauseRecheckInterval)
        {
            yield return $"{ValidatedOptionsExtensions.Setting("Publishing:PauseRecheckInterval")} must be a time span from one second to 00:15:00, e.g. 00:00:30.";
        }

        if (FundsPollInterval < TimeSpan.FromSeconds(1))
        {
            yield return $"{ValidatedOptionsExtensions.Setting("Publishing:FundsPollInterval")} must be a time span of at least one second, e.g. 00:01:00.";
        }
    }
}

internal static class PublishingOptionsExtensions
{
    /// <summary>The retry policy every activity call uses: exponential backoff (coefficient 2) from configuration.</summary>
    public static Microsoft.DurableTask.TaskOptions ActivityOptions(this PublishingOptions options) =>
        Microsoft.DurableTask.TaskOptions.FromRetryPolicy(new Microsoft.DurableTask.RetryPolicy(
            options.RetryMaxAttempts, options.RetryFirstInterval, backoffCoefficient: 2, maxRetryInterval: options.RetryMaxInterval));
}
